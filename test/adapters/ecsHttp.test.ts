// The ECS JSON 1.1 wire protocol of the endpoint, request by request (reference §14.1–14.2): POST / with
// X-Amz-Target and application/x-amz-json-1.1; errors {"__type", "message"}, 400 for client exceptions and 500 for
// ServerException only; x-amzn-RequestId on every answer.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { ECS_TARGET_PREFIX, handleHttp, type HttpRequestData } from '../../src/adapters/ecsHttp.js';
import { ecsErrorResponse } from '../../src/adapters/httpMessages.js';
import { TwinHost } from '../../src/adapters/twinHost.js';

const newTwin = (): TwinHost => {
  const t = TwinHost.create({ seed: 3 }, { kind: 'manual' });
  if (E.isLeft(t)) throw new Error(t.left.message);
  return t.right;
};

const ecsRequest = (operation: string, body: string, headers: Record<string, string> = {}): HttpRequestData => ({
  method: 'POST',
  path: '/',
  headers: { 'x-amz-target': `${ECS_TARGET_PREFIX}${operation}`, 'content-type': 'application/x-amz-json-1.1', ...headers },
  body: new TextEncoder().encode(body),
});

const answer = (twin: TwinHost, req: HttpRequestData) => {
  const r = handleHttp(twin, req, 'req-1');
  return { status: r.statusCode, headers: r.headers, body: JSON.parse(r.body) as Record<string, unknown> };
};

describe('the ECS JSON 1.1 endpoint', () => {
  it('runs an operation and answers its output with the request id and the ECS content type', () => {
    const r = answer(newTwin(), ecsRequest('CreateCluster', '{"clusterName":"a"}'));
    expect(r.status).toBe(200);
    expect(r.headers['x-amzn-requestid']).toBe('req-1');
    expect(r.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect((r.body.cluster as { clusterArn: string }).clusterArn).toBe('arn:aws:ecs:us-east-1:123456789012:cluster/a');
  });

  it('accepts an empty body as {} (CreateCluster without a name creates default)', () => {
    const r = answer(newTwin(), ecsRequest('CreateCluster', ''));
    expect((r.body.cluster as { clusterName: string }).clusterName).toBe('default');
  });

  it('answers ECS exceptions as {"__type", "message"} with status 400 and x-amzn-ErrorType', () => {
    const r = answer(newTwin(), ecsRequest('ListServices', '{"cluster":"nope"}'));
    expect(r).toMatchObject({ status: 400, body: { __type: 'ClusterNotFoundException', message: 'Cluster not found.' } });
    expect(r.headers['x-amzn-errortype']).toBe('ClusterNotFoundException');
  });

  it('answers ServerException with 500 and ConflictException with its resourceIds', () => {
    expect(ecsErrorResponse({ name: 'ServerException', message: 'boom' }, 'r').statusCode).toBe(500);
    const conflict = ecsErrorResponse({ name: 'ConflictException', message: 'reused', resourceIds: ['arn:x'] }, 'r');
    expect(conflict.statusCode).toBe(400);
    expect(JSON.parse(conflict.body)).toEqual({ __type: 'ConflictException', message: 'reused', resourceIds: ['arn:x'] });
  });

  it('names an operation the twin does not support', () => {
    const r = answer(newTwin(), ecsRequest('CreateTaskSet', '{}'));
    expect(r).toMatchObject({ status: 400, body: { __type: 'UnknownOperationException' } });
    expect(r.body.message).toContain('CreateTaskSet');
  });

  it('refuses a missing or foreign X-Amz-Target', () => {
    const twin = newTwin();
    const missing = answer(twin, { ...ecsRequest('CreateCluster', '{}'), headers: { 'content-type': 'application/x-amz-json-1.1' } });
    expect(missing).toMatchObject({ status: 400, body: { __type: 'UnknownOperationException' } });
    const foreign = answer(twin, ecsRequest('x', '{}', { 'x-amz-target': 'DynamoDB_20120810.ListTables' }));
    expect(foreign).toMatchObject({ status: 400, body: { __type: 'UnknownOperationException' } });
    expect(foreign.body.message).toContain('DynamoDB_20120810.ListTables');
  });

  it('refuses a wrong content type, malformed JSON, invalid UTF-8 and a body that is not an object', () => {
    const twin = newTwin();
    expect(answer(twin, ecsRequest('ListClusters', '{}', { 'content-type': 'application/json' }))).toMatchObject({
      status: 415,
      body: { __type: 'UnsupportedMediaTypeException' },
    });
    const malformed = answer(twin, ecsRequest('ListClusters', '{"maxResults":'));
    expect(malformed).toMatchObject({ status: 400, body: { __type: 'SerializationException' } });
    expect(malformed.body.message).toMatch(/not valid JSON/);
    const bytes = { ...ecsRequest('ListClusters', ''), body: new Uint8Array([0x7b, 0xff, 0x7d]) };
    expect(answer(twin, bytes)).toMatchObject({ status: 400, body: { __type: 'SerializationException', message: 'The request body is not valid UTF-8.' } });
    expect(answer(twin, ecsRequest('ListClusters', '[1]'))).toMatchObject({ status: 400, body: { __type: 'SerializationException' } });
  });

  it('accepts a content type with parameters (charset)', () => {
    const r = answer(newTwin(), ecsRequest('ListClusters', '{}', { 'content-type': 'application/x-amz-json-1.1; charset=utf-8' }));
    expect(r).toMatchObject({ status: 200, body: { clusterArns: [] } });
  });

  it('refuses other methods and paths with a 404 that points to POST / and the control API', () => {
    const r = answer(newTwin(), { method: 'GET', path: '/clusters', headers: {}, body: new Uint8Array() });
    expect(r).toMatchObject({ status: 404, body: { __type: 'UnknownOperationException' } });
    expect(r.body.message).toContain('/_twin/');
  });

  it('journals each request as charged, so a replay of the snapshot is the same World', () => {
    const twin = newTwin();
    answer(twin, ecsRequest('CreateCluster', '{}'));
    answer(twin, ecsRequest('RunTask', '{"taskDefinition":"nope"}'));
    expect(twin.snapshot().journal).toEqual([
      { kind: 'execute', operation: 'CreateCluster', input: {}, charged: true },
      { kind: 'execute', operation: 'RunTask', input: { taskDefinition: 'nope' }, charged: true },
    ]);
  });
});
