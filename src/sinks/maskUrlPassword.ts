/** The text with the password of any `scheme://user:password@` in it shown as `***` (for printing definitions). */
export function maskUrlPassword(text: string): string {
  return text.replace(/([A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s/@:]*:)([^\s/@]+)@/g, '$1***@');
}
