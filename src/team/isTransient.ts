/** SQLSTATE classes and socket errors that mean "the server went away", not "the statement is wrong". */
const STATES = ['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300'];
const CODES = ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN'];

/** True when an error from pg means the connection or server failed, so the same statement may succeed on a new connection. */
export function isTransient(err: unknown): boolean {
  const { code, message } = (err ?? {}) as { code?: string; message?: string };
  if (code !== undefined && (STATES.includes(code) || CODES.includes(code))) return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(String(message ?? ''));
}
