import { DroplineError } from '../errors/DroplineError.js';
import { HttpError } from './HttpError.js';
import type { Reply } from './Reply.js';

/**
 * 404 for what does not exist, 400 for what was asked wrongly, 422 for a
 * pipeline whose definition (or a plug-in it names) cannot be used: the
 * request was fine, the pipeline cannot answer it until its file is fixed.
 * 500 for the rest.
 */
const STATUS: Partial<Record<DroplineError['code'], number>> = {
  USAGE: 400,
  DEFINITION_NOT_FOUND: 404,
  SNAPSHOT_NOT_FOUND: 404,
  DEFINITION_INVALID: 422,
  PLUGIN_INVALID: 422,
};

/**
 * An error as the API reports it: `{"error": {"code", "message"}}` with its
 * status. dropline's own errors keep their code (DEFINITION_NOT_FOUND...);
 * USAGE, a badly asked question, becomes BAD_REQUEST like the server's own.
 */
export function toErrorReply(err: unknown): Reply & { kind: 'json' } {
  if (err instanceof HttpError) return { kind: 'json', status: err.status, headers: err.headers, body: { error: { code: err.code, message: err.message } } };
  if (err instanceof DroplineError) {
    const status = STATUS[err.code] ?? 500;
    return { kind: 'json', status, body: { error: { code: err.code === 'USAGE' ? 'BAD_REQUEST' : err.code, message: err.message } } };
  }
  return { kind: 'json', status: 500, body: { error: { code: 'INTERNAL', message: 'the server failed to answer this request; see its log' } } };
}
