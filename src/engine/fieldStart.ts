/**
 * Where field `k` starts in one line dropline wrote (`bytes[start..end)`), or
 * -1 when that field is quoted (its bytes are not the value).
 */
export function fieldStart(bytes: Uint8Array, start: number, end: number, k: number): number {
  let i = start;
  for (let f = 0; f < k; f++) {
    if (bytes[i] === 34) {
      for (i++; ; i++) {
        if (bytes[i] !== 34) continue;
        if (bytes[i + 1] === 34) i++;
        else break;
      }
      i++;
    } else while (i < end && bytes[i] !== 44) i++;
    i++;
  }
  return i < end && bytes[i] === 34 ? -1 : i;
}
