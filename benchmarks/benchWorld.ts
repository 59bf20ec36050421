/**
 * The start World the benchmarks share: subnets over three zones (a /16 each: 65,531 addresses), a `bench` cluster
 * and one small task definition (`web`, 256 CPU / 512 MiB, one nginx container), quotas as each benchmark asks.
 * Takes the API as a parameter, so an A/B benchmark can build the same World from two builds.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { World, WorldConfig } from '../src/index.js';

type Api = Pick<typeof import('../src/index.js'), 'createWorld' | 'execute'>;

/** Every Fargate limit lifted: no vCPU quota, no RunTask or launch throttling. */
export const UNLIMITED_QUOTAS = {
  onDemandVcpu: Infinity,
  spotVcpu: Infinity,
  runTaskApi: { burst: Infinity, refillPerSecond: Infinity },
  onDemandLaunches: { burst: Infinity, refillPerSecond: Infinity },
  spotLaunches: { burst: Infinity, refillPerSecond: Infinity },
} as const;

const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

/** `n` /16 subnets `subnet-bench0…` over three zones (16 hold a million tasks' addresses). */
export function benchSubnets(n: number): Array<{ subnetId: string; cidrBlock: string; availabilityZone: string; vpcId: string }> {
  return Array.from({ length: n }, (_, i) => ({
    subnetId: `subnet-bench${i}`,
    cidrBlock: `10.${i}.0.0/16`,
    availabilityZone: AZS[i % 3]!,
    vpcId: 'vpc-bench',
  }));
}

/** The benchmarks' task definition. */
export const BENCH_TASK_DEFINITION = {
  family: 'web',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '256',
  memory: '512',
  containerDefinitions: [{ name: 'app', image: 'nginx:1.27', essential: true }],
} as const;

/** The value of a call that must succeed. */
export function must<T>(r: E.Either<{ name: string; message: string }, T>): T {
  if (E.isLeft(r)) throw new Error(`${r.left.name}: ${r.left.message}`);
  return r.right;
}

/** A World (seed 42 unless `config` says otherwise) with the `bench` cluster and the `web` task definition. */
export function benchWorld(api: Api, config: WorldConfig): World {
  let w = api.createWorld({ seed: 42, ...config });
  w = must(api.execute(w, 'CreateCluster', { clusterName: 'bench' })).world;
  return must(api.execute(w, 'RegisterTaskDefinition', BENCH_TASK_DEFINITION)).world;
}
