import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { RegisterTaskDefinitionRequestCodec } from '../../src/codecs/taskDefinition.js';
import { list, StringMap, struct } from '../../src/codecs/struct.js';
import { decodeFailure } from '../../src/codecs/reporter.js';
import { fargateRequest, withContainer } from '../api/taskDefinitions/helpers.js';

const decode = (u: unknown) => RegisterTaskDefinitionRequestCodec.decode(u);
const errorOf = (u: unknown) => {
  const r = decode(u);
  return E.isLeft(r) ? decodeFailure(r.left) : undefined;
};

describe('struct', () => {
  const Point = struct('Point', { x: t.number, y: t.number, label: t.string }, ['x']);

  it('drops nulls and unknown members and keeps declaration order', () => {
    const r = Point.decode({ label: 'a', extra: 1, y: null, x: 2 });
    expect(r).toEqual(E.right({ x: 2, label: 'a' }));
    expect(Object.keys(E.isRight(r) ? r.right : {})).toEqual(['x', 'label']);
  });

  it('reports a missing or null required member', () => {
    expect(E.isLeft(Point.decode({}))).toBe(true);
    expect(E.isLeft(Point.decode({ x: null }))).toBe(true);
  });

  it('builds fresh objects and arrays (no aliasing of the input)', () => {
    const input = { items: ['a'], labels: { k: 'v' } };
    const C = struct('C', { items: list(t.string, 'list of strings'), labels: StringMap });
    const r = C.decode(input);
    if (E.isLeft(r)) throw new Error('decode failed');
    expect(r.right).toEqual(input);
    expect(r.right.items).not.toBe(input.items);
    expect(r.right.labels).not.toBe(input.labels);
  });

  it('keeps a __proto__ map key as data', () => {
    const r = StringMap.decode(JSON.parse('{"__proto__": "x", "a": "b"}'));
    if (E.isLeft(r)) throw new Error('decode failed');
    expect(Object.keys(r.right)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(r.right)).toBe(Object.prototype);
  });

  it('rejects non-objects, arrays and non-string map values', () => {
    for (const bad of [null, 1, 'x', [], true]) expect(E.isLeft(Point.decode(bad))).toBe(true);
    expect(E.isLeft(StringMap.decode({ a: 1 }))).toBe(true);
    expect(E.isLeft(StringMap.decode([]))).toBe(true);
  });
});

describe('RegisterTaskDefinitionRequest codec', () => {
  it('reads null members as absent, at every depth (console-JSON style)', () => {
    const r = decode({ ...withContainer({ links: null, healthCheck: null }), pidMode: null, cpu: '256' });
    if (E.isLeft(r)) throw new Error('decode failed');
    expect('pidMode' in r.right).toBe(false);
    expect('links' in r.right.containerDefinitions![0]!).toBe(false);
  });

  // A member of the wrong JSON type is a SerializationException in the AWS JSON protocol.
  it.each([
    [withContainer({ cpu: '256' }), 'containerDefinitions[0].cpu must be integer, but was "256".'],
    [withContainer({ portMappings: [{ containerPort: '80' }] }), 'containerDefinitions[0].portMappings[0].containerPort must be integer, but was "80".'],
    [fargateRequest({ cpu: 256 }), 'cpu must be string, but was 256.'],
    [fargateRequest({ tags: { key: 'a' } }), 'tags must be list of tags, but was an object.'],
    [withContainer({ dockerLabels: { a: 1 } }), 'containerDefinitions[0].dockerLabels.a must be string, but was 1.'],
    [withContainer({ command: ['a', null] }), 'containerDefinitions[0].command[1] must be string, but was null.'],
  ])('reports a type mismatch %#', (input, message) => {
    expect(errorOf(input)).toEqual({ name: 'SerializationException', message });
  });

  it('reports a bad enum value or a missing nested required member as InvalidParameterException', () => {
    expect(errorOf(withContainer({ logConfiguration: { options: {} } }))).toEqual({
      name: 'InvalidParameterException',
      message: 'containerDefinitions[0].logConfiguration.logDriver is required but was not given.',
    });
    expect(errorOf(fargateRequest({ requiresCompatibilities: ['FARGATE', 'LAMBDA'] }))).toEqual({
      name: 'InvalidParameterException',
      message: "requiresCompatibilities[1] must be one of 'EC2', 'EXTERNAL', 'FARGATE', 'MANAGED_INSTANCES', but was \"LAMBDA\".",
    });
  });

  it('reports every failing path at once', () => {
    const e = errorOf(withContainer({ cpu: 'x', memory: 'y' }));
    expect(e?.message).toBe('containerDefinitions[0].cpu must be integer, but was "x". containerDefinitions[0].memory must be integer, but was "y".');
  });

  it('accepts every member of the model (a sample of pass-through shapes)', () => {
    const r = decode({
      ...fargateRequest(),
      proxyConfiguration: { type: 'APPMESH', containerName: 'app', properties: [{ name: 'AppPorts', value: '80' }] },
      inferenceAccelerators: [{ deviceName: 'd', deviceType: 'eia2.medium' }],
      volumes: [
        { name: 'f', fsxWindowsFileServerVolumeConfiguration: { fileSystemId: 'fs', rootDirectory: '/', authorizationConfig: { credentialsParameter: 'p', domain: 'd' } } },
        { name: 's', s3filesVolumeConfiguration: { fileSystemArn: 'arn:x', transitEncryptionPort: 2049 } },
        { name: 'e', efsVolumeConfiguration: { fileSystemId: 'fs', transitEncryption: 'ENABLED', authorizationConfig: { iam: 'ENABLED', accessPointId: 'ap' } } },
        { name: 'dv', dockerVolumeConfiguration: { scope: 'shared', autoprovision: true, driver: 'local', driverOpts: {}, labels: {} }, configuredAtLaunch: false },
      ],
    });
    expect(E.isRight(r)).toBe(true);
  });
});
