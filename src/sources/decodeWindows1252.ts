/** Windows-1252's 0x80-0x9F (WHATWG Encoding Standard); the five bytes it leaves undefined stay U+0081 and so on. */
const HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/**
 * Decodes Windows-1252 (what `latin1` also means on the web). Done here because
 * Node 20's TextDecoder reads both labels as ISO-8859-1, giving invisible control
 * characters where a file has €, curly quotes or dashes.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\u0080-\u009f]/g, (c) => HIGH[c.charCodeAt(0) - 0x80]!);
}
