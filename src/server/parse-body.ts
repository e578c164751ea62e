/** Reading a JSON request body through a contract schema, for every route. */
import { z } from 'zod/mini';
import { ApiError, invalidRequest } from './api-error.js';

/** The request's JSON body, checked by `schema`; ApiError naming the field otherwise. */
export async function parseBody<T>(request: Request, schema: z.ZodMiniType<T>): Promise<T> {
  const type = request.headers.get('content-type');
  if (type && !/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
    throw new ApiError(415, 'unsupported_media_type', `send JSON (Content-Type: application/json), not ${type}`, 'body');
  }
  let data: unknown;
  try {
    data = JSON.parse(await request.text());
  } catch {
    throw new ApiError(400, 'malformed_json', 'the body is not valid JSON', 'body');
  }
  const result = z.safeParse(schema, data);
  if (!result.success) throw invalidRequest(result.error.issues);
  return result.data;
}

