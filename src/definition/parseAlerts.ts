import { ALERT } from './definitionRules.js';
import { Fields, describe } from './Fields.js';
import type { AlertDefinition } from './PipelineDefinition.js';

const K = ALERT.keys;
/** Query parameters that carry a secret by their name. */
const SECRET_PARAM = /^(token|access_token|api_?key|key|secret|password|passwd|pwd|sig|signature|auth)$/i;

/** What makes a URL secret on its face: user or password before the host, or a token-like query parameter; null when none. */
function credentialsIn(url: URL): string | null {
  if (url.username !== '' || url.password !== '') return 'a user or password before the host';
  const param = [...url.searchParams.keys()].find((name) => SECRET_PARAM.test(name));
  return param === undefined ? null : `the query parameter "${param}"`;
}

/**
 * `alerts:` of a definition or of dropline.yaml (`top` is the file's top
 * level): a list of `{ type: webhook, url | urlEnv, timeoutMs?, retries?,
 * retryDelayMs? }`. A URL that holds credentials is refused: it belongs in a
 * variable named by `urlEnv`, so the file can be shared and shown.
 */
export function parseAlerts(top: Fields): AlertDefinition[] {
  const value = top.value.alerts;
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw top.fail('alerts', `must be a list of webhooks, e.g. "- { type: webhook, urlEnv: ALERT_URL }", got ${describe(value)}`);
  return value.map((item, index) => {
    const alert = Fields.of(top.file, top.key(`alerts[${index}]`), item).onlyKeysOf(ALERT);
    if (alert.oneOf('type', K.type.values) === undefined) throw alert.fail('type', `is required: ${K.type.required}`);
    const url = alert.string('url');
    const urlEnv = alert.string('urlEnv');
    if ((url === undefined) === (urlEnv === undefined))
      throw Fields.error(top.file, alert.path, 'needs exactly one of url (the address) and urlEnv (the environment variable holding it)');
    if (urlEnv !== undefined && !K.urlEnv.pattern.test(urlEnv)) throw alert.fail('urlEnv', `must be the name of an environment variable, got ${JSON.stringify(urlEnv)}`);
    if (url !== undefined) checkUrl(alert, url);
    const whole = (name: 'timeoutMs' | 'retries' | 'retryDelayMs'): number => {
      const rule = K[name];
      const n = alert.number(name, rule.default, rule.min, rule.max);
      if (!Number.isInteger(n)) throw alert.fail(name, `must be a whole number, got ${n}`);
      return n;
    };
    return {
      type: 'webhook' as const,
      ...(url !== undefined ? { url } : { urlEnv: urlEnv! }),
      timeoutMs: whole('timeoutMs'),
      retries: whole('retries'),
      retryDelayMs: whole('retryDelayMs'),
    };
  });
}

function checkUrl(alert: Fields, text: string): void {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    // reported below
  }
  if (!url || !['http:', 'https:'].includes(url.protocol)) throw alert.fail('url', `"${text}" is not an http:// or https:// URL`);
  const secret = credentialsIn(url);
  if (secret !== null)
    throw alert.fail('url', `holds ${secret}; keep secrets out of the file: put the URL in an environment variable and name it with urlEnv (e.g. urlEnv: ALERT_URL)`);
}
