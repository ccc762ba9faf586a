type Typed = Uint8Array | Int32Array | Uint32Array | Float64Array;

/** The array itself when it holds `need` items, else a copy at least twice as long (typed arrays cannot grow in place). */
export function growArray<T extends Typed>(array: T, need: number): T {
  if (need <= array.length) return array;
  let length = Math.max(16, array.length * 2);
  while (length < need) length *= 2;
  const next = new (array.constructor as new (n: number) => T)(length);
  next.set(array as never);
  return next;
}
