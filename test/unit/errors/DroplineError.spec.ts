import { expect } from 'chai';
import { DroplineError, ExitCode, type ErrorCode } from '../../../src/errors/DroplineError.js';
import { committedFailure } from '../../../src/runner/committedFailure.js';

describe(DroplineError.name, () => {
  describe('.exitCode', () => {
    const cases: [ErrorCode, object, number][] = [
      ['SOURCE_UNREADABLE', {}, ExitCode.FAILURE],
      ['DEFINITION_INVALID', {}, ExitCode.USAGE],
      ['PATHS_CHANGED', {}, ExitCode.USAGE],
      ['SINK_FAILED', {}, ExitCode.COMMITTED_THEN_FAILED],
      ['INTERNAL', { committedSnapshot: '20261125T214231123Z' }, ExitCode.COMMITTED_THEN_FAILED],
      ['OUTPUT_UNWRITABLE', { committedSnapshot: '20261125T214231123Z' }, ExitCode.COMMITTED_THEN_FAILED],
    ];
    for (const [code, context, exit] of cases) {
      it(`should be ${exit} for ${code}${Object.keys(context).length ? ' after a commit' : ''}`, () => expect(new DroplineError(code, 'm', context).exitCode).to.equal(exit));
    }
  });
});

describe(committedFailure.name, () => {
  it('should keep the code, add the snapshot and what to run next, and exit 5', () => {
    const cause = Object.assign(new Error('EISDIR: illegal operation on a directory'), { code: 'EISDIR' });
    const error = committedFailure(cause, 'demo', '20261125T214231123Z');
    expect(error.code).to.equal('INTERNAL');
    expect(error.message).to.match(
      /^EISDIR: illegal operation on a directory; the snapshot 20261125T214231123Z of pipeline demo is committed, but the command did not finish; fix the cause and run: dropline run demo/,
    );
    expect(error.cause).to.equal(cause);
    expect(error.exitCode).to.equal(5);
  });

  it('should leave SINK_FAILED as it is: it already says the snapshot is committed and to sync', () => {
    const sink = new DroplineError('SINK_FAILED', 'sink sqlite failed; the snapshot x is committed; bring the sinks up to date with: dropline sync demo');
    expect(committedFailure(sink, 'demo', 'x')).to.equal(sink);
  });
});
