// Bad input at the HTTP layer of `ecs-twin serve`: random methods, paths, targets, content types and bodies,
// oversized bodies and garbage on the socket. Every answer is AWS-style ({"__type", "message"}, 4xx) or a success;
// never a 5xx, a dropped connection or a crash.
import { fc } from '@fast-check/vitest';
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/adapters/ecsHttp.js';
import { operations } from '../../src/api/operations.js';
import { startEndpoint, type TestEndpoint } from './twinServer.js';

interface Raw {
  readonly status: number;
  readonly body: string;
}

function send(url: string, method: string, path: string, headers: Record<string, string>, body: Uint8Array | string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const printable = fc.string({ unit: fc.constantFrom(...'abcXYZ019 .-_/:;=,{}"'.split('')), maxLength: 40 });
const target = fc.oneof(
  fc.constantFrom(...[...operations.keys(), 'CreateTaskSet', '', 'x'].map((op) => `AmazonEC2ContainerServiceV20141113.${op}`)),
  printable,
);
const contentType = fc.oneof(fc.constantFrom('application/x-amz-json-1.1', 'application/json', 'text/plain'), printable);
const body = fc.oneof(
  fc.json().map((j) => j),
  fc.constantFrom('{}', '', '{', '[]', 'null', '{"cluster":{"a":1}}', '{"taskDefinition":"x","count":1e400}', '\u0000'),
  fc.uint8Array({ maxLength: 200 }),
  fc.object({ maxDepth: 3 }).map((o) => JSON.stringify(o)),
);

describe('the HTTP layer under bad input', () => {
  let ep: TestEndpoint;
  beforeAll(async () => {
    ep = await startEndpoint({ seed: 1 });
  });
  afterAll(() => ep.close());

  it('answers random requests with AWS-style errors or successes, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('POST', 'POST', 'POST', 'GET', 'PUT', 'DELETE'),
        fc.oneof(fc.constant('/'), fc.constantFrom('/_twin/state', '/_twin/advance', '/_twin/faults', '/_twin/restore', '/_twin/events?cursor=x'), printable.map((p) => `/${encodeURIComponent(p)}`)),
        target,
        contentType,
        body,
        async (method, path, amzTarget, type, payload) => {
          const r = await send(ep.server.url, method, path, { 'x-amz-target': amzTarget, 'content-type': type }, payload);
          expect(r.status, `${method} ${path} ${amzTarget} answered ${r.status}: ${r.body}`).toBeLessThan(500);
          const json = JSON.parse(r.body) as Record<string, unknown>;
          if (r.status >= 400) {
            expect(typeof json.__type).toBe('string');
            expect(typeof json.message).toBe('string');
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses an oversized body with 413 RequestEntityTooLargeException and keeps serving', async () => {
    const big = '{"clusterName":"' + 'a'.repeat(MAX_BODY_BYTES) + '"}';
    const r = await send(ep.server.url, 'POST', '/', { 'x-amz-target': 'AmazonEC2ContainerServiceV20141113.CreateCluster', 'content-type': 'application/x-amz-json-1.1' }, big);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ __type: 'RequestEntityTooLargeException' });
    const after = await send(ep.server.url, 'POST', '/', { 'x-amz-target': 'AmazonEC2ContainerServiceV20141113.ListClusters', 'content-type': 'application/x-amz-json-1.1' }, '{}');
    expect(after.status).toBe(200);
  });

  it('answers garbage on the socket with a 400 SerializationException', async () => {
    const text = await new Promise<string>((resolve, reject) => {
      const socket = connect(ep.server.port, '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      let got = '';
      socket.on('data', (d) => (got += d.toString('utf8')));
      socket.on('end', () => resolve(got));
      socket.on('error', reject);
    });
    expect(text).toMatch(/^HTTP\/1\.1 400/);
    expect(text).toContain('"__type":"SerializationException"');
  });
});
