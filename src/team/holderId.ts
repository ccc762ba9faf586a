import { hostname } from 'node:os';

/** STAND-IN (TEAM.md: "$DROPLINE_WORKER_ID when set, else <hostname>:<pid>"); the coordinator's version replaces it on merge. */
export function holderId(): string {
  return process.env.DROPLINE_WORKER_ID || `${hostname()}:${process.pid}`;
}
