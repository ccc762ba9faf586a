import type { Lease } from './Leases.js';

/** The leases this process holds now, by pipeline: what a commit is fenced with. */
export class HeldLeases {
  private readonly held = new Map<string, Lease & { lost: boolean }>();

  set(lease: Lease): void {
    this.held.set(lease.pipeline, { ...lease, lost: false });
  }

  get(pipeline: string): (Lease & { lost: boolean }) | undefined {
    return this.held.get(pipeline);
  }

  /** Marks a lease found taken over by its renewal. */
  lose(pipeline: string): void {
    const lease = this.held.get(pipeline);
    if (lease) lease.lost = true;
  }

  delete(pipeline: string): void {
    this.held.delete(pipeline);
  }
}
