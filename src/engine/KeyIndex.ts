/**
 * An open-addressing hash index from key hashes to entry numbers (0, 1, 2...
 * in the order they were added), held in typed arrays: no object, string or
 * Map entry per key, so no 2^24-entry ceiling and little for the garbage
 * collector. The caller keeps the keys and says whether an entry's key is the
 * one probed for; entries are never removed.
 */
export class KeyIndex {
  /** Per slot: entry number + 1; 0 is empty. */
  private slots: Int32Array;
  private mask: number;
  /** Per entry: its key's hash. */
  private hashes: Uint32Array;
  private count = 0;

  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.hashes = new Uint32Array(Math.max(16, expected));
  }

  get size(): number {
    return this.count;
  }

  hashOf(entry: number): number {
    return this.hashes[entry]!;
  }

  /** The entry whose key `sameKey` accepts among those with this hash, or -1. */
  find(hash: number, sameKey: (entry: number) => boolean): number {
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = this.slots[slot]!;
      if (at === 0) return -1;
      const entry = at - 1;
      if (this.hashes[entry] === hash && sameKey(entry)) return entry;
    }
  }

  /** Adds a new entry (the caller made sure its key is absent) and returns its number. */
  add(hash: number): number {
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    const entry = this.count++;
    if (entry >= this.hashes.length) {
      const next = new Uint32Array(this.hashes.length * 2);
      next.set(this.hashes);
      this.hashes = next;
    }
    this.hashes[entry] = hash;
    this.place(hash, entry);
    return entry;
  }

  private place(hash: number, entry: number): void {
    let slot = hash & this.mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
    this.slots[slot] = entry + 1;
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    this.mask = this.slots.length - 1;
    for (let e = 0; e < this.count; e++) this.place(this.hashes[e]!, e);
  }
}
