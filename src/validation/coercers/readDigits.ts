/** The number spelled by the ASCII digits `text[start..end)`; the caller has checked they are digits. */
export function readDigits(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}
