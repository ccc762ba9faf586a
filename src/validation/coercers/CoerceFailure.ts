/**
 * Why one cell could not be turned into its canonical text. A value, not an
 * exception: coercers run for millions of cells and a bad one is ordinary data.
 * The message names the value and what was expected, never the column; the
 * caller prefixes that.
 */
export class CoerceFailure {
  constructor(
    readonly code: 'BAD_VALUE',
    readonly message: string,
  ) {}
}
