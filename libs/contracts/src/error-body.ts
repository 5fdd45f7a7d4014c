/** The one shape every HTTP error from the API takes. */
export interface ErrorBody {
  statusCode: number;
  /** The HTTP reason phrase, e.g. "Bad Request". */
  error: string;
  /** What went wrong, in words a person understands. */
  message: string;
  /** Matches the `X-Request-ID` response header and every log line of the request. */
  requestId: string;
  /** Field-by-field problems, when the request body failed validation. */
  details?: string[];
}
