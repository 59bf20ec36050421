/**
 * The ECS JSON 1.1 wire protocol (reference §14.1) as a function of a {@link TwinHost}: an HTTP request as plain
 * data in, an HTTP response as plain data out. The socket server (`server.ts`) and the in-process `ECSClient`
 * handler (`inProcessClient.ts`) both call it, so the SDK sees the same bytes either way.
 *
 * - `POST /` with `X-Amz-Target: AmazonEC2ContainerServiceV20141113.<Operation>` and
 *   `Content-Type: application/x-amz-json-1.1` runs the operation; the body is the operation's JSON input.
 * - Errors are `{"__type": "<Exception>", "message": "…"}` with ECS's statuses: 400 for client exceptions
 *   (`ThrottlingException` included), 500 for `ServerException` only.
 * - Anything under {@link CONTROL_PREFIX} is the control API (`controlApi.ts`).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { handleControl } from './controlApi.js';
import {
  CONTROL_PREFIX,
  ECS_CONTENT_TYPE,
  ecsErrorResponse,
  errorResponse,
  jsonResponse,
  parseJsonBody,
  shown,
  type HttpRequestData,
  type HttpResponseData,
} from './httpMessages.js';
import type { TwinHost } from './twinHost.js';

export { CONTROL_PREFIX, type HttpRequestData, type HttpResponseData } from './httpMessages.js';

/** The target prefix of every ECS operation. */
export const ECS_TARGET_PREFIX = 'AmazonEC2ContainerServiceV20141113.';


/**
 * The largest request body accepted, in bytes: ECS requests are small (a task definition is at most 64 KiB; the
 * core copies at most 1 MiB of JSON), so 2 MiB leaves room for any valid request.
 */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * Answers one HTTP request. Never throws: every problem with the request is an AWS-style 4xx answer, and a defect
 * of the twin a `ServerException` (500) without a stack trace.
 *
 * @param host the twin
 * @param req the request
 * @param requestId the id echoed in `x-amzn-RequestId`
 */
export function handleHttp(host: TwinHost, req: HttpRequestData, requestId: string): HttpResponseData {
  try {
    if (req.path.startsWith(CONTROL_PREFIX)) return handleControl(host, req, requestId);
    return handleEcs(host, req, requestId);
  } catch (e) {
    return errorResponse(500, 'ServerException', `Internal error: ${e instanceof Error ? e.message : String(e)}`, requestId);
  }
}

function handleEcs(host: TwinHost, req: HttpRequestData, requestId: string): HttpResponseData {
  const path = req.path.split('?')[0] ?? '';
  if (req.method !== 'POST' || path !== '/') {
    return errorResponse(
      404,
      'UnknownOperationException',
      `ECS operations are POST / with an X-Amz-Target header; got ${shown(req.method)} ${shown(path)}. The control API is under ${CONTROL_PREFIX}.`,
      requestId,
    );
  }
  const target = req.headers['x-amz-target'];
  if (target === undefined || !target.startsWith(ECS_TARGET_PREFIX)) {
    return errorResponse(
      400,
      'UnknownOperationException',
      target === undefined
        ? `Missing X-Amz-Target header: expected ${ECS_TARGET_PREFIX}<Operation>.`
        : `X-Amz-Target '${shown(target)}' is not an ECS operation: expected ${ECS_TARGET_PREFIX}<Operation>.`,
      requestId,
    );
  }
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (contentType !== ECS_CONTENT_TYPE) {
    return errorResponse(
      415,
      'UnsupportedMediaTypeException',
      `Content-Type '${shown(req.headers['content-type'] ?? '')}' is not supported: ECS requests are ${ECS_CONTENT_TYPE}.`,
      requestId,
    );
  }
  const input = parseJsonBody(req.body);
  if (E.isLeft(input)) return errorResponse(400, 'SerializationException', input.left, requestId);
  if (typeof input.right !== 'object' || input.right === null || Array.isArray(input.right)) {
    return errorResponse(400, 'SerializationException', 'The request body must be a JSON object (the operation\'s input).', requestId);
  }
  const answer = host.ecs(target.slice(ECS_TARGET_PREFIX.length), input.right);
  return E.isRight(answer) ? jsonResponse(200, answer.right, requestId) : ecsErrorResponse(answer.left, requestId);
}
