import { definitionError } from '../errors/definitionError.js';
import { sha256 } from '../util/sha256.js';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject, injectable } from 'inversify';
import { DroplineError } from '../errors/DroplineError.js';
import { TOKENS } from '../tokens.js';
import { atomicWrite } from '../util/atomicWrite.js';
import { BaseSource, type InputContent } from './BaseSource.js';
import type { OptionsSchema } from '../plugins/OptionsSchema.js';
import type { SourceInput } from './Source.js';
import type { SourceContext } from './SourceContext.js';

/** What was last ingested from one URL: the validators to send back and the body's hash. */
interface UrlState {
  etag?: string;
  lastModified?: string;
  sha256: string;
}

/** One URL fetched this run: a new body, or a client error that makes the input unusable. */
type Fetched = { ok: true; body: Uint8Array; state: UrlState } | { ok: false; message: string };

const STATE_FILE = 'http.json';
const sanitize = (url: URL): string => `${url.host}${url.pathname}${url.search}`.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '');

/**
 * The built-in `http` source: each URL in `source.options.urls` is one input,
 * named by its last path segment, in the order listed. A URL is offered only
 * when it changed since it was last ingested (ETag / Last-Modified sent back,
 * else the body's SHA-256); what was ingested is recorded in `http.json` only
 * once the snapshot is committed. Network errors, timeouts and 5xx are retried,
 * then fail the run; 4xx make that URL unusable, so it is quarantined.
 */
@injectable()
export class HttpSource extends BaseSource {
  static override options: OptionsSchema = {
    urls: { type: 'string[]', required: true, description: 'the CSV files to fetch, e.g. [https://example.com/data.csv]' },
    timeoutMs: { type: 'integer', default: 10000, description: 'time allowed for one try, body included' },
    retries: { type: 'integer', default: 2, description: 'extra tries after a network error, timeout or 5xx' },
    retryDelayMs: { type: 'integer', default: 200, description: 'wait before the first retry; doubles after each' },
  };

  private readonly inputs: SourceInput[];
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly retryDelayMs: number;
  private readonly fetched = new Map<string, Fetched>();

  constructor(@inject(TOKENS.SourceContext) context: SourceContext) {
    super(context);
    const { options, definition, workspace } = context;
    const fail = (key: string, problem: string): DroplineError => definitionError(workspace.display(definition.file), `source.options.${key}`, problem, definition.name);
    const urls = (options.urls as string[]).map((text) => {
      let url: URL;
      try {
        url = new URL(text);
      } catch {
        throw fail('urls', `has "${text}", which is not a URL; write it in full, e.g. https://example.com/data.csv`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw fail('urls', `has "${text}"; only http: and https: URLs can be fetched`);
      return url;
    });
    if (urls.length === 0) throw fail('urls', 'is empty; list at least one URL');
    this.timeoutMs = options.timeoutMs as number;
    this.retries = options.retries as number;
    this.retryDelayMs = options.retryDelayMs as number;
    if (this.timeoutMs <= 0) throw fail('timeoutMs', `must be above 0, got ${this.timeoutMs}`);
    if (this.retries < 0) throw fail('retries', `must be 0 or more, got ${this.retries}`);
    if (this.retryDelayMs < 0) throw fail('retryDelayMs', `must be 0 or more, got ${this.retryDelayMs}`);
    const segment = (u: URL): string => lastSegment(u.pathname);
    const counts = new Map<string, number>();
    for (const u of urls) counts.set(segment(u), (counts.get(segment(u)) ?? 0) + 1);
    this.inputs = urls.map((u) => ({ name: segment(u) !== '' && counts.get(segment(u)) === 1 ? segment(u) : sanitize(u), location: u.href }));
  }

  /** Fetches every URL once (conditionally) and offers those whose content changed. */
  protected async listInputs(): Promise<SourceInput[]> {
    const states = await this.readStates();
    const changed: SourceInput[] = [];
    for (const input of this.inputs) {
      const fetched = await this.fetchUrl(input.location, states[input.location]);
      if (fetched === null) continue;
      this.fetched.set(input.location, fetched);
      changed.push(input);
    }
    return changed;
  }

  protected async read(input: SourceInput): Promise<InputContent> {
    const fetched = this.fetched.get(input.location) ?? (await this.fetchUrl(input.location, undefined));
    if (fetched === null || !fetched.ok) {
      throw new DroplineError('SOURCE_UNREADABLE', `${input.location}: ${fetched?.message ?? 'not modified'}`, { file: input.name });
    }
    return { kind: 'csv', bytes: fetched.body };
  }

  /** Records what was ingested (or skipped as already ingested), so the next run asks only for changes. */
  override async acknowledge(inputs: SourceInput[]): Promise<void> {
    const states = await this.readStates();
    for (const input of inputs) {
      const fetched = this.fetched.get(input.location);
      if (fetched?.ok) states[input.location] = fetched.state;
    }
    await mkdir(this.context.stateDir, { recursive: true });
    await atomicWrite(join(this.context.stateDir, STATE_FILE), JSON.stringify(states, null, 2) + '\n');
  }

  /** null when unchanged (304, or the body last ingested); throws SOURCE_FAILED once the retries are spent. */
  private async fetchUrl(url: string, known: UrlState | undefined): Promise<Fetched | null> {
    const headers: Record<string, string> = {};
    if (known?.etag) headers['if-none-match'] = known.etag;
    if (known?.lastModified) headers['if-modified-since'] = known.lastModified;
    const tries = this.retries + 1;
    let problem = '';
    for (let attempt = 1; attempt <= tries; attempt++) {
      if (attempt > 1) await sleep(this.retryDelayMs * 2 ** (attempt - 2));
      try {
        const signal = AbortSignal.timeout(this.timeoutMs);
        const res = await fetch(url, { headers, signal });
        if (res.status === 304) {
          await res.body?.cancel();
          this.context.logger.debug(`${url}: not modified`);
          return null;
        }
        if (res.ok) {
          const body = new Uint8Array(await res.arrayBuffer());
          const state: UrlState = { sha256: sha256(body), ...optional('etag', res.headers.get('etag')), ...optional('lastModified', res.headers.get('last-modified')) };
          if (state.sha256 === known?.sha256) return null;
          this.context.logger.debug(`${url}: ${body.length} bytes, changed`);
          return { ok: true, body, state };
        }
        await res.body?.cancel();
        problem = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
        if (res.status < 500 && res.status !== 408 && res.status !== 429) return { ok: false, message: `${problem}; fix the URL or remove it from source.options.urls` };
      } catch (err) {
        problem = whatFailed(err, this.timeoutMs);
      }
      this.context.logger.warn(`${url}: ${problem} (try ${attempt} of ${tries})`);
    }
    throw new DroplineError('SOURCE_FAILED', `${url}: ${problem} after ${tries} ${tries === 1 ? 'try' : 'tries'}; check the URL or raise source.options.timeoutMs/retries`, {
      pipeline: this.context.definition.name,
      file: url,
    });
  }

  /** A missing or unreadable state file means "nothing known": everything is fetched, and the ledger still skips content already ingested. */
  private async readStates(): Promise<Record<string, UrlState>> {
    try {
      return JSON.parse(await readFile(join(this.context.stateDir, STATE_FILE), 'utf8')) as Record<string, UrlState>;
    } catch {
      return {};
    }
  }
}

function lastSegment(pathname: string): string {
  const last = pathname.split('/').pop() ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

function optional<K extends string>(key: K, value: string | null): Partial<Record<K, string>> {
  return value === null ? {} : ({ [key]: value } as Record<K, string>);
}

function whatFailed(err: unknown, timeoutMs: number): string {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `timed out after ${timeoutMs} ms`;
  const cause = e.cause?.code ?? e.cause?.message;
  return cause ? `${e.message} (${cause})` : e.message;
}
