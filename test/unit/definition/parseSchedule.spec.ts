import { expect } from 'chai';
import { Ajv } from 'ajv';
import { cronProblem } from '../../../src/definition/cronProblem.js';
import { definitionToDocument } from '../../../src/definition/definitionToDocument.js';
import { parseDefinition } from '../../../src/definition/parseDefinition.js';
import { ruleProblems } from '../../../src/definition/ruleProblems.js';
import { pipelineJsonSchema } from '../../../src/definition/toJsonSchema.js';
import { DroplineError } from '../../../src/errors/DroplineError.js';
import { demoYaml } from '../../helpers/workspace.js';

const parse = (schedule: unknown) => parseDefinition(demoYaml({ schedule }), 'pipelines/demo.yaml', '/ws/pipelines/demo.yaml');

function message(schedule: unknown): string {
  try {
    parse(schedule);
  } catch (err) {
    expect(err).to.be.instanceOf(DroplineError);
    expect((err as DroplineError).code).to.equal('DEFINITION_INVALID');
    return (err as DroplineError).message;
  }
  return expect.fail('expected DEFINITION_INVALID');
}

describe('schedule: in a definition', () => {
  it('should read { cron, timezone }, a plain string as the cron in UTC, and nothing as no schedule', () => {
    expect(parse({ cron: '0 6 * * 1', timezone: 'Europe/Berlin' }).schedule).to.deep.equal({ cron: '0 6 * * 1', timezone: 'Europe/Berlin' });
    expect(parse('*/15  * * * *').schedule).to.deep.equal({ cron: '*/15 * * * *', timezone: 'UTC' });
    expect(parse({ cron: '30 2 1-15/2 jan,JUL sun-sat' }).schedule).to.deep.equal({ cron: '30 2 1-15/2 jan,JUL sun-sat', timezone: 'UTC' });
    expect(parseDefinition(demoYaml(), 'pipelines/demo.yaml', '/ws/pipelines/demo.yaml').schedule).to.equal(undefined);
  });

  it('should refuse a bad cron or time zone by key, saying what to write', () => {
    expect(message('0 6 * *')).to.equal(
      'pipelines/demo.yaml: schedule.cron "0 6 * *" has 4 field(s); write five: minute hour day-of-month month day-of-week, e.g. "0 6 * * 1" (Mondays at 06:00)',
    );
    expect(message({ cron: '61 * * * *' })).to.contain('schedule.cron "61 * * * *" the minute field "61" is not 0-59');
    expect(message({ cron: '0 6 * 13 *' })).to.contain('the month field "13" is not 1-12 or JAN-DEC');
    expect(message({ cron: '*/0 * * * *' })).to.contain('has a bad step "/0"');
    expect(message({ cron: '0 6 * * 5-1' })).to.contain('is a range that runs backwards');
    expect(message({ cron: '0 6 * * 1', timezone: 'Europe/Berln' })).to.equal(
      'pipelines/demo.yaml: schedule.timezone "Europe/Berln" is not a time zone; write an IANA name such as Europe/Berlin or America/New_York, or UTC',
    );
    expect(message({ cron: '0 6 * * 1', tz: 'UTC' })).to.contain('schedule.tz is not a known key');
    expect(message({ timezone: 'UTC' })).to.contain('schedule.cron is required');
  });

  it('should accept what cron-parser (pg-boss) accepts, for every form it lets through', async () => {
    const { default: parser } = await import('cron-parser');
    for (const cron of ['* * * * *', '0 6 * * 1', '*/15 0-6,22-23 1,15 */2 mon-fri', '0 0 1 1 0', '59 23 31 12 7']) {
      expect(cronProblem(cron), cron).to.equal(null);
      expect(() => parser.parseExpression(cron, { tz: 'Europe/Berlin' }), cron).to.not.throw();
    }
  });

  it('should show the schedule in show-definition, pass check, and match the JSON Schema in both forms', () => {
    expect(definitionToDocument(parse('0 6 * * *')).schedule).to.deep.equal({ cron: '0 6 * * *', timezone: 'UTC' });
    expect(ruleProblems(demoYaml({ schedule: '0 6 * * *' }), 'pipelines/demo.yaml')).to.deep.equal([]);
    expect(ruleProblems(demoYaml({ schedule: { cron: '0 6 * * *', zone: 'UTC' } }), 'pipelines/demo.yaml').map((e) => e.message)[0]).to.contain('schedule.zone');
    const validate = new Ajv({ allowUnionTypes: true }).compile(pipelineJsonSchema());
    expect(validate(demoYaml({ schedule: '0 6 * * *' }))).to.equal(true);
    expect(validate(demoYaml({ schedule: { cron: '0 6 * * *', timezone: 'Europe/Berlin' } }))).to.equal(true);
    expect(validate(demoYaml({ schedule: { timezone: 'UTC' } })), 'cron is required').to.equal(false);
    expect(validate(demoYaml({ schedule: 5 }))).to.equal(false);
  });
});
