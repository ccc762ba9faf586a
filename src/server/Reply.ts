/** What a handler answers; sendReply writes it. */
export type Reply =
  | { kind: 'json'; status?: number; headers?: Record<string, string>; body: unknown }
  | { kind: 'text'; contentType: string; body: string }
  /** Streamed in chunks, as a download named `filename`. */
  | { kind: 'csv'; filename: string; chunks: Iterable<Buffer> };
