import type { Lease } from './Leases.js';

/**
 * The leases this process holds now, by pipeline: what a commit is fenced
 * with. Whether one is still current is the catalog's to say (the epoch check
 * in the commit), never a flag kept here.
 */
export class HeldLeases {
  private readonly held = new Map<string, Lease>();

  set(lease: Lease): void {
    this.held.set(lease.pipeline, lease);
  }

  get(pipeline: string): Lease | undefined {
    return this.held.get(pipeline);
  }

  delete(pipeline: string): void {
    this.held.delete(pipeline);
  }
}
