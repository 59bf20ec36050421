// The AWS backend over an ECSClient: outputs without $metadata, ECS exceptions as values, and the SDK's
// standard retry mode retrying ThrottlingException (the SDK retries throttling errors with backoff:
// https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html).
import { ECSClient } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { awsBackend, toBackendError } from '../../../src/adapters/backend/awsBackend.js';
import { BACKEND_OPERATIONS, isBackendOperationName } from '../../../src/adapters/backend/ecsBackend.js';
import { twinBackend } from '../../../src/adapters/backend/twinBackend.js';
import { TwinRequestHandler } from '../../../src/adapters/inProcessClient.js';
import { TwinHost } from '../../../src/adapters/twinHost.js';
import { collectPages, chunk } from '../../../src/adapters/backend/paginate.js';

const newHost = (): TwinHost => {
  const host = TwinHost.create({ seed: 2 });
  if (E.isLeft(host)) throw new Error(host.left.message);
  return host.right;
};

describe('awsBackend', () => {
  it('has a function for every operation of the port, and the twin backend the same set', () => {
    const backend = twinBackend(newHost());
    expect(BACKEND_OPERATIONS.every((op) => typeof backend[op] === 'function')).toBe(true);
    expect(backend.label).toBe('twin');
    expect(isBackendOperationName('RunTask')).toBe(true);
    expect(isBackendOperationName('CreateTaskSet')).toBe(false);
  });

  it('resolves to the output without $metadata, and to Left with the ECS exception', async () => {
    const backend = twinBackend(newHost());
    const made = await backend.CreateCluster({ clusterName: 'c' });
    expect(E.isRight(made) && made.right.cluster?.clusterName).toBe('c');
    expect(E.isRight(made) && '$metadata' in made.right).toBe(false);
    expect(await backend.DescribeServices({ cluster: 'nope', services: ['s'] })).toEqual(E.left({ name: 'ClusterNotFoundException', message: 'Cluster not found.' }));
  });

  it('lets the SDK retry throttling: two throttled answers then success is Right with retries, Left without', async () => {
    const throttledThenTwin = (throttles: number) => {
      const twin = new TwinRequestHandler(newHost());
      let left = throttles;
      return {
        calls: 0,
        async handle(request: Parameters<TwinRequestHandler['handle']>[0]) {
          this.calls++;
          if (left-- > 0) {
            const body = new TextEncoder().encode(JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded.' }));
            return { response: { statusCode: 400, headers: { 'x-amzn-errortype': 'ThrottlingException', 'content-type': 'application/x-amz-json-1.1' }, body } };
          }
          return twin.handle(request);
        },
        updateHttpClientConfig() {},
        httpHandlerConfigs: () => ({}),
        destroy() {},
      };
    };
    const client = (handler: ReturnType<typeof throttledThenTwin>, maxAttempts: number) =>
      awsBackend(new ECSClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, endpoint: 'http://x.invalid', retryMode: 'standard', maxAttempts, requestHandler: handler }));
    const retried = throttledThenTwin(2);
    expect(E.isRight(await client(retried, 3).ListClusters({}))).toBe(true);
    expect(retried.calls).toBe(3);
    const once = throttledThenTwin(2);
    expect(await client(once, 1).ListClusters({})).toEqual(E.left({ name: 'ThrottlingException', message: 'Rate exceeded.' }));
    expect(once.calls).toBe(1);
  });

  it('turns anything thrown into a named error', () => {
    expect(toBackendError(new TypeError('boom'))).toEqual({ name: 'TypeError', message: 'boom' });
    expect(toBackendError('x')).toEqual({ name: 'UnknownError', message: 'x' });
  });
});

describe('collectPages', () => {
  it('follows nextToken to the end and stops at the first failing page', async () => {
    const pages: Record<string, { items: number[]; nextToken?: string }> = { '': { items: [1, 2], nextToken: 'b' }, b: { items: [3], nextToken: 'c' }, c: { items: [4] } };
    const list = async (input: { nextToken?: string }) => E.right(pages[input.nextToken ?? '']!);
    expect(await collectPages(list, {}, (p) => p.items)).toEqual(E.right([1, 2, 3, 4]));
    const failing = async (input: { nextToken?: string }) => (input.nextToken === 'b' ? E.left({ name: 'ThrottlingException', message: 'Rate exceeded.' }) : E.right(pages['']!));
    expect(await collectPages(failing, {}, (p) => p.items)).toEqual(E.left({ name: 'ThrottlingException', message: 'Rate exceeded.' }));
  });

  it('chunks Describe* batches', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});
