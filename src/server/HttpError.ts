/** What the API answers with when a request cannot be served: a status and a code for `{"error": {code, message}}`. */
export type HttpErrorCode = 'BAD_REQUEST' | 'UNAUTHORIZED' | 'NOT_FOUND' | 'METHOD_NOT_ALLOWED' | 'FORBIDDEN';

export class HttpError extends Error {
  override readonly name = 'HttpError';

  constructor(
    readonly status: number,
    readonly code: HttpErrorCode,
    message: string,
    /** Extra response headers (Allow, WWW-Authenticate). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  static badRequest(message: string): HttpError {
    return new HttpError(400, 'BAD_REQUEST', message);
  }
}
