/**
 * Every refusal the API gives: an HTTP status and the JSON body of
 * `errorSchema`, naming the field to fix. Thrown by the plain functions under
 * the routes and turned into a Response in one place (app.ts).
 */
import type { ApiError as ApiErrorBody, Quote } from '../quote/contract.js';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  /** On a 409 after a booking race: a fresh quote for the same configuration. */
  readonly quote?: Quote;

  constructor(status: number, code: string, message: string, field?: string, quote?: Quote) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.quote = quote;
  }

  get body(): ApiErrorBody {
    return {
      error: this.code,
      message: this.message,
      ...(this.field !== undefined ? { field: this.field } : {}),
      ...(this.quote ? { quote: this.quote } : {}),
    };
  }
}

interface Issue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  keys?: readonly string[];
}

/** The first zod issue as an ApiError (400) naming its field, e.g. `destination.country`. */
export function invalidRequest(issues: readonly Issue[]): ApiError {
  const issue = issues[0];
  const path = issue.path.map(String);
  // An unknown key has the object as its path; the key itself is the field to fix.
  if (issue.code === 'unrecognized_keys' && issue.keys?.length) path.push(issue.keys[0]);
  const field = path.join('.') || 'body';
  return new ApiError(400, 'invalid_request', `${field}: ${issue.message}`, field);
}
