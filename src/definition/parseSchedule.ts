import { DEFINITION_RULES } from './definitionRules.js';
import { Fields } from './Fields.js';
import type { ScheduleDefinition } from './PipelineDefinition.js';
import { cronProblem } from './cronProblem.js';

/** Whether the runtime knows this IANA time zone (the one cron-parser, through luxon, reads). */
function knownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** `schedule:` as `{ cron, timezone }` (timezone default UTC), or a plain string: the cron in UTC. */
export function parseSchedule(top: Fields): ScheduleDefinition | undefined {
  const raw = top.value.schedule;
  if (raw === undefined || raw === null) return undefined;
  const field = typeof raw === 'string' ? Fields.of(top.file, 'schedule', { cron: raw }) : top.child('schedule')!;
  const rule = DEFINITION_RULES.keys.schedule;
  field.onlyKeysOf(rule);
  const cron = field.requiredString('cron', rule.keys.cron.required);
  const problem = cronProblem(cron);
  if (problem !== null) throw field.fail('cron', `"${cron}" ${problem}`);
  const timezone = field.string('timezone', rule.keys.timezone.default);
  if (!knownZone(timezone)) throw field.fail('timezone', `"${timezone}" is not a time zone; write an IANA name such as Europe/Berlin or America/New_York, or UTC`);
  return { cron: cron.trim().replace(/\s+/g, ' '), timezone };
}
