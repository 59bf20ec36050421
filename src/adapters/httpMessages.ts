/**
 * HTTP messages of the twin's endpoint as plain data, and the AWS-style answers built from them: JSON bodies,
 * `{"__type", "message"}` errors with ECS's statuses, the request id header.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { EcsError } from '../domain/errors.js';

/** The path prefix of the control API. */
export const CONTROL_PREFIX = '/_twin/';

/** The content type of ECS requests and responses. */
export const ECS_CONTENT_TYPE = 'application/x-amz-json-1.1';

/** An HTTP request as plain data. Header names are lower case. */
export interface HttpRequestData {
  readonly method: string;
  /** The path with its query string, e.g. `/` or `/_twin/events?cursor=3`. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Uint8Array;
}

/** An HTTP response as plain data. */
export interface HttpResponseData {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** An AWS-style error answer: `{"__type", "message"}`, the type in `x-amzn-ErrorType` too (as AWS sends it). */
export function errorResponse(statusCode: number, type: string, message: string, requestId: string, extra: object = {}): HttpResponseData {
  return jsonResponse(statusCode, { __type: type, message, ...extra }, requestId, { 'x-amzn-errortype': type });
}

/** A JSON answer with the ECS content type and the request id. */
export function jsonResponse(statusCode: number, body: unknown, requestId: string, headers: Record<string, string> = {}): HttpResponseData {
  return {
    statusCode,
    headers: { 'content-type': ECS_CONTENT_TYPE, 'x-amzn-requestid': requestId, ...headers },
    body: JSON.stringify(body),
  };
}

/** The answer to an `EcsError`: 500 for `ServerException` (the model's only fault), 400 for every other one. */
export function ecsErrorResponse(error: EcsError, requestId: string): HttpResponseData {
  const extra = error.resourceIds !== undefined ? { resourceIds: error.resourceIds } : {};
  return errorResponse(error.name === 'ServerException' ? 500 : 400, error.name, error.message, requestId, extra);
}

/** A value for messages: short and printable whatever the client sent. */
export function shown(value: string): string {
  const printable = value.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > 80 ? `${printable.slice(0, 77)}...` : printable;
}

/**
 * One strict UTF-8 decoder for every request: a `decode` call without `{ stream: true }` keeps no state between
 * calls, and building a decoder per request showed in the endpoint's profile (benchmarks/endpointVsMoto.ts).
 */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Parses a JSON request body; the Left is the message of a `SerializationException`. */
export function parseJsonBody(body: Uint8Array): E.Either<string, unknown> {
  let text: string;
  try {
    text = UTF8.decode(body);
  } catch {
    return E.left('The request body is not valid UTF-8.');
  }
  if (text.trim() === '') return E.right({});
  try {
    return E.right(JSON.parse(text) as unknown);
  } catch (e) {
    return E.left(`The request body is not valid JSON: ${e instanceof Error ? e.message : String(e)}.`);
  }
}
