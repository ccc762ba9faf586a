import { expect } from 'chai';
import { DroplineError } from '../../src/errors/DroplineError.js';
import type { CliResult } from './workspace.js';

/** What an error must be: its code and its message (the whole text, or a pattern for the parts that vary). */
export interface ExpectedError {
  code: string;
  message: string | RegExp;
}

function expectMessage(actual: string, message: string | RegExp): void {
  if (typeof message === 'string') expect(actual).to.equal(message);
  else expect(actual).to.match(message);
}

/**
 * The one way tests assert errors. For a CLI run: stderr has exactly one
 * `error[CODE]: message` line, the exit code is `exit`, and no stack trace is
 * printed (none is, without --verbose).
 */
export function expectCliError(result: CliResult, expected: ExpectedError & { exit: number }): void {
  const lines = result.stderr.split('\n').filter((l) => l.startsWith('error['));
  expect(lines, `stderr: ${result.stderr}`).to.have.length(1);
  const [, code, message] = /^error\[([A-Z_]+)\]: (.*)$/.exec(lines[0]!)!;
  expect(code, lines[0]).to.equal(expected.code);
  expectMessage(message!, expected.message);
  expect(result.stderr, 'a stack trace').not.to.match(/^\s+at /m);
  expect(result.code, `exit code; stderr: ${result.stderr}`).to.equal(expected.exit);
}

/** For code: `action` throws (or rejects with) a DroplineError with this code and message; returns it for further checks. */
export async function expectDroplineError(action: () => unknown, expected: ExpectedError): Promise<DroplineError> {
  let thrown: unknown;
  try {
    await action();
  } catch (err) {
    thrown = err;
  }
  expect(thrown, 'nothing was thrown').to.be.instanceOf(DroplineError);
  const error = thrown as DroplineError;
  expect(error.code, error.message).to.equal(expected.code);
  expectMessage(error.message, expected.message);
  return error;
}
