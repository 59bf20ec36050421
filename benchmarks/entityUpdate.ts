/**
 * Benchmark (issue 2b): update one entity in worlds pre-filled with 10k / 100k / 1M entities.
 * Target: median ≤ 20 µs per single update at 1M, and ≤ 2× growth from 10k to 1M.
 *
 * The world is filled directly (one batched PMap build) with task-definition revisions; the measured operation
 * is one complete transition as every API call makes it: open a WorldTxn, replace one entity (immer `produce` on
 * that entity only), commit a new World. For contrast, the same update with immer over a plain object of all
 * entities (the design we rejected) is measured at the smaller sizes.
 *
 * Run: `npx tsx benchmarks/entityUpdate.ts`
 */
import { produce } from 'immer';
import { PMap, compareStrings } from '../src/domain/pmap.js';
import { taskDefinitionKey, type TaskDefinition } from '../src/domain/taskDefinition.js';
import { WorldTxn } from '../src/domain/txn.js';
import type { World } from '../src/domain/world.js';
import { createWorld } from '../src/engine/createWorld.js';
import { machineLine, measure, report, timeOnce, us } from './harness.js';

function syntheticDefinition(i: number): TaskDefinition {
  const family = `family-${i % 1000}`;
  const revision = Math.floor(i / 1000) + 1;
  return {
    family,
    revision,
    arn: `arn:aws:ecs:us-east-1:123456789012:task-definition/${family}:${revision}`,
    status: 'ACTIVE',
    registeredAtMs: 1_704_067_200_000,
    cpuUnits: 256,
    memoryMiB: 512,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    compatibilities: ['EC2', 'FARGATE'],
    cpuArchitecture: 'X86_64',
    operatingSystemFamily: 'LINUX',
    ephemeralStorageGiB: 20,
    containers: [{ name: 'app', image: 'nginx:latest', essential: true, cpuUnits: 0, dependsOn: [], stopTimeoutSeconds: 30 }],
    tags: [],
    wire: { family, revision, status: 'ACTIVE', cpu: '256', memory: '512' },
  };
}

function worldWith(n: number): { world: World; keys: string[] } {
  const keys: string[] = [];
  const defs = PMap.empty<string, TaskDefinition>(compareStrings).edit((m) => {
    for (let i = 0; i < n; i++) {
      const d = syntheticDefinition(i);
      const k = taskDefinitionKey(d.family, d.revision);
      keys.push(k);
      m.set(k, d);
    }
  });
  return { world: { ...createWorld(), taskDefinitions: defs }, keys };
}

function updateOne(world: World, key: string, i: number): World {
  const tx = new WorldTxn(world);
  const table = tx.table('taskDefinitions');
  const current = table.get(key)!;
  table.set(
    key,
    produce(current, (d) => {
      d.deregisteredAtMs = 1_704_067_200_000 + i;
    }),
  );
  return tx.commit();
}

console.log(`# entity update — ${machineLine()}`);
const medians = new Map<number, number>();
for (const n of [10_000, 100_000, 1_000_000]) {
  const built = timeOnce(() => worldWith(n));
  const { world, keys } = built.value;
  console.log(`built a world of ${n.toLocaleString('en-US')} entities in ${built.ms.toFixed(0)} ms`);
  // Each sample updates a different entity of the same base world, so caches do not flatter the figure.
  const m = measure(`update 1 entity in ${n.toLocaleString('en-US')} (WorldTxn + produce)`, (i) => {
    updateOne(world, keys[(i * 7919) % n]!, i);
  }, 5000, 500);
  report(m);
  medians.set(n, m.medianNs);
  // Chained updates (each on the previous world) — the realistic pattern of a long simulation.
  let w = world;
  const chained = measure(`chained update in ${n.toLocaleString('en-US')}`, (i) => {
    w = updateOne(w, keys[(i * 104729) % n]!, i);
  }, 5000, 500);
  report(chained);
}
const growth = medians.get(1_000_000)! / medians.get(10_000)!;
console.log(`growth 10k → 1M: ${growth.toFixed(2)}× (target ≤ 2×); median at 1M: ${us(medians.get(1_000_000)!)} (target ≤ 20 µs)`);

// The rejected design, for contrast: immer over one plain object holding every entity.
for (const n of [10_000, 100_000]) {
  const all: Record<string, TaskDefinition> = {};
  for (let i = 0; i < n; i++) all[`k${i}`] = syntheticDefinition(i);
  const frozen = produce(all, () => {});
  report(
    measure(`naive immer Record update in ${n.toLocaleString('en-US')} (rejected design)`, (i) => {
      produce(frozen, (d) => {
        d[`k${(i * 7919) % n}`]!.deregisteredAtMs = i;
      });
    }, n >= 100_000 ? 20 : 100, 3),
  );
}
