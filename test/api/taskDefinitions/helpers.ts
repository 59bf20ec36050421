// Shared builders for the task-definition tests: a valid Fargate and EC2 request, and register/expect helpers
// that go through `execute`, so every rule is tested through decoding, validation and storage together.
import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'vitest';
import { createWorld, execute, type World } from '../../../src/index.js';

/** A JSON request body. */
export type Req = Record<string, unknown>;

/** A minimal valid Fargate request (one nginx container on port 80, awslogs with an execution role). */
export const fargateRequest = (overrides: Req = {}): Req => ({
  family: 'web',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '256',
  memory: '512',
  executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
  containerDefinitions: [
    {
      name: 'app',
      image: 'nginx:latest',
      essential: true,
      portMappings: [{ containerPort: 80 }],
      logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/web' } },
    },
  ],
  ...overrides,
});

/** A minimal valid EC2 request (bridge mode, container memory, no task size). */
export const ec2Request = (overrides: Req = {}): Req => ({
  family: 'worker',
  requiresCompatibilities: ['EC2'],
  containerDefinitions: [{ name: 'worker', image: 'busybox', memory: 128, essential: true }],
  ...overrides,
});

/** `fargateRequest` with its single container changed by `container`. */
export const withContainer = (container: Req, base: Req = fargateRequest()): Req => {
  const [first] = base.containerDefinitions as Req[];
  return { ...base, containerDefinitions: [{ ...first, ...container }] };
};

/** Registers `req` and returns the result. */
export const register = (req: unknown, world: World = createWorld()) => execute(world, 'RegisterTaskDefinition', req);

/** Registers `req`, which must be accepted; returns the new world and the output. */
export function registerOk(req: unknown, world: World = createWorld()) {
  const r = register(req, world);
  if (E.isLeft(r)) throw new Error(`expected acceptance, got ${r.left.name}: ${r.left.message}`);
  return r.right as { world: World; output: { taskDefinition: Record<string, unknown>; tags: unknown[] } };
}

/** Asserts that registering `req` fails with exactly `name` and `message`. */
export function expectRejected(req: unknown, name: string, message: string): void {
  const world = createWorld();
  const r = register(req, world);
  expect(E.isLeft(r) ? { name: r.left.name, message: r.left.message } : 'accepted').toEqual({ name, message });
}

/** Asserts that registering `req` succeeds. */
export function expectAccepted(req: unknown): void {
  const r = register(req);
  expect(E.isRight(r) ? 'accepted' : `${r.left.name}: ${r.left.message}`).toBe('accepted');
}

/** Runs an operation that must succeed and returns its output. */
export function run<O = Record<string, unknown>>(world: World, op: string, input: unknown): { world: World; output: O } {
  const r = execute(world, op, input);
  if (E.isLeft(r)) throw new Error(`${op} failed: ${r.left.name}: ${r.left.message}`);
  return r.right as { world: World; output: O };
}

/** Runs an operation that must fail and returns the error. */
export function fail(world: World, op: string, input: unknown): { name: string; message: string } {
  const r = execute(world, op, input);
  if (E.isRight(r)) throw new Error(`${op} unexpectedly succeeded`);
  expect(r.left).toBeDefined();
  return { name: r.left.name, message: r.left.message };
}
