/**
 * The checks of a plan's predicted rollout (issue 12), each with its explanation: the vCPU quota of each Fargate
 * pool at the peak, the addresses of each subnet at the peak, and the circuit breaker's verdict per service.
 *
 * Thresholds: a check warns above {@link WARN_FRACTION} of a limit and fails when the simulation hit it (ECS
 * refused a task for it), not merely when the peak touches it — the twin's own outcome decides.
 *
 * @module
 */
import type { Service } from '../domain/service.js';
import type { World } from '../domain/world.js';
import { ruleFor } from '../scheduler/behaviors.js';
import { CPU_UNITS_PER_VCPU, subnetsById } from '../scheduler/fargateAccount.js';
import { INSUFFICIENT_ADDRESSES_REASON } from '../scheduler/fargatePlacement.js';
import { VCPU_LIMIT_REASON, slotsFor } from '../scheduler/launchTasks.js';
import { serviceIdOfKey } from './applyOnBranch.js';
import type { RolloutObserver, ServiceWatch } from './rolloutObserver.js';
import type { PlanCheck } from './types.js';

/** Above this share of a limit a check warns (issue 12: "warn above 80%"). */
export const WARN_FRACTION = 0.8;

const POOLS = ['FARGATE', 'FARGATE_SPOT'] as const;

/** A number for a message: integers as they are, others to two decimals without trailing zeros. */
export const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100));
const pct = (part: number, whole: number): string => `${Math.round((part / whole) * 100)}%`;

/** Whether a service's events say a task could not be placed for `reason`. */
const saidUnableToPlace = (w: ServiceWatch, reason: string): boolean =>
  w.events.some((e) => e.message.includes('was unable to place a task') && e.message.includes(reason));

/** The pools a service's deployments launch into. */
function poolsOf(s: Service): Set<string> {
  const out = new Set<string>();
  for (const d of s.deployments) for (const slot of slotsFor(d.launch, Math.max(1, s.desiredCount))) out.add(slot.pool);
  return out;
}

/** What a service's surge asks for: `maxTasks × vCPU per task` at its maximumPercent. */
function surgeOf(s: Service): { readonly maxTasks: number; readonly vcpuPerTask: number } {
  const maxTasks = Math.floor((s.desiredCount * s.deploymentConfiguration.maximumPercent) / 100);
  const cpu = s.deployments[0]?.taskSpec.cpuUnits ?? 0;
  return { maxTasks, vcpuPerTask: cpu / CPU_UNITS_PER_VCPU };
}

/**
 * The vCPU-quota checks: one per pool that the rollout used or that refused a task.
 *
 * @example
 * ```ts
 * // { name: 'vcpu-quota', status: 'pass', subject: 'FARGATE',
 * //   message: 'peak 3 of 100 vCPUs (3%): 97 vCPUs of headroom' }
 * ```
 */
export function vcpuQuotaChecks(world: World, obs: RolloutObserver): PlanCheck[] {
  const checks: PlanCheck[] = [];
  const refusedBy = new Map<string, ServiceWatch[]>();
  for (const w of obs.watches) {
    if (!saidUnableToPlace(w, VCPU_LIMIT_REASON)) continue;
    const s = world.services.get(w.key);
    if (s === undefined) continue;
    for (const pool of poolsOf(s)) refusedBy.set(pool, [...(refusedBy.get(pool) ?? []), w]);
  }
  for (const pool of POOLS) {
    const quota = pool === 'FARGATE' ? world.config.quotas.onDemandVcpu : world.config.quotas.spotVcpu;
    const peak = (obs.account.poolPeakCpuUnits.get(pool) ?? 0) / CPU_UNITS_PER_VCPU;
    const refused = refusedBy.get(pool) ?? [];
    if (peak === 0 && refused.length === 0 && !(pool === 'FARGATE' && obs.account.poolPeakCpuUnits.size === 0)) continue;
    const label = pool === 'FARGATE' ? 'Fargate On-Demand' : 'Fargate Spot';
    if (refused.length > 0) {
      const who = refused
        .map((w) => {
          const s = world.services.get(w.key)!;
          const { maxTasks, vcpuPerTask } = surgeOf(s);
          return `${serviceIdOfKey(w.key)} (up to ${maxTasks} tasks × ${fmt(vcpuPerTask)} vCPU = ${fmt(maxTasks * vcpuPerTask)} vCPUs at maximumPercent ${s.deploymentConfiguration.maximumPercent})`;
        })
        .join(', ');
      checks.push({
        name: 'vcpu-quota',
        status: 'fail',
        subject: pool,
        message:
          `ECS could not place tasks: "${VCPU_LIMIT_REASON}" — the ${label} quota is ${fmt(quota)} vCPUs and the account ` +
          `held ${fmt(peak)} at the peak. Needed by ${who}, on top of the account's other tasks. Raise the quota ` +
          `(Service Quotas: "${label} vCPU Resource Count") or lower maximumPercent so the surge fits.`,
      });
    } else if (quota === Infinity) {
      checks.push({ name: 'vcpu-quota', status: 'pass', subject: pool, message: `peak ${fmt(peak)} vCPUs; the World sets no ${label} quota` });
    } else if (peak > quota * WARN_FRACTION) {
      checks.push({
        name: 'vcpu-quota',
        status: 'warn',
        subject: pool,
        message: `peak ${fmt(peak)} of ${fmt(quota)} vCPUs (${pct(peak, quota)}): it fits, with only ${fmt(quota - peak)} vCPUs of headroom for a scale-out or another rollout`,
      });
    } else {
      checks.push({
        name: 'vcpu-quota',
        status: 'pass',
        subject: pool,
        message: `peak ${fmt(peak)} of ${fmt(quota)} vCPUs (${pct(peak, quota)}): ${fmt(quota - peak)} vCPUs of headroom`,
      });
    }
  }
  return checks;
}

/** The subnet checks: one per subnet the plan's services use. */
export function subnetIpChecks(world: World, obs: RolloutObserver): PlanCheck[] {
  const byId = subnetsById(world.config);
  const checks: PlanCheck[] = [];
  for (const id of obs.knownSubnets(world)) {
    const subnet = byId.get(id)!;
    const reserved = world.subnetIps.get(id)?.reservedCount ?? 0;
    const capacity = Math.max(0, subnet.usableIpCount - reserved);
    const peak = obs.account.subnetPeakInUse.get(id) ?? 0;
    const failed = obs.watches.filter((w) => w.subnetsOutOfAddresses.has(id));
    const of = `${fmt(peak)} of ${fmt(capacity)} usable addresses (${subnet.cidrBlock}${reserved > 0 ? `, ${reserved} held by other ENIs` : ''})`;
    if (failed.length > 0) {
      checks.push({
        name: 'subnet-ips',
        status: 'fail',
        subject: id,
        message:
          `tasks of ${failed.map((w) => serviceIdOfKey(w.key)).join(', ')} failed to start: "${INSUFFICIENT_ADDRESSES_REASON}" — ` +
          `peak ${of}. Each Fargate task holds one address from placement until it is STOPPED, so a surge needs ` +
          `room for old and new tasks together: add subnets or lower maximumPercent.`,
      });
    } else if (capacity === 0 || peak > capacity * WARN_FRACTION) {
      checks.push({
        name: 'subnet-ips',
        status: 'warn',
        subject: id,
        message: `peak ${of}${capacity > 0 ? `, ${pct(peak, capacity)}` : ''}: ${fmt(capacity - peak)} addresses left for a scale-out or another rollout`,
      });
    } else {
      checks.push({ name: 'subnet-ips', status: 'pass', subject: id, message: `peak ${of}, ${pct(peak, capacity)}` });
    }
  }
  return checks;
}

/** `web:3` from a task-definition ARN. */
const revisionOf = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);

/** The World behaviour rules that make a revision's containers fail to start, described. */
function failingRules(world: World, taskDefinitionKey: string): string[] {
  const td = world.taskDefinitions.get(taskDefinitionKey);
  if (td === undefined) return [];
  const out: string[] = [];
  for (const c of td.containers) {
    const rule = ruleFor(world.behaviors, td.family, c);
    if (rule?.failToStart === undefined) continue;
    const m = rule.match;
    const match = [m.image !== undefined ? `image "${m.image}"` : '', m.family !== undefined ? `family "${m.family}"` : '', m.containerName !== undefined ? `container "${m.containerName}"` : '']
      .filter((x) => x !== '')
      .join(', ');
    out.push(`the World's behaviour rule for ${match || 'every container'} makes container ${c.name} (${c.image}) fail to start`);
  }
  return out;
}

/** The failure reasons of a deployment's tasks, most frequent first (ties: first seen), at most three. */
function reasonsOf(w: ServiceWatch, deploymentId: string): string {
  const m = w.failures.get(deploymentId);
  if (m === undefined || m.size === 0) return '';
  const sorted = [...m.entries()].map((e, i) => ({ reason: e[0], n: e[1], i })).sort((a, b) => b.n - a.n || a.i - b.i);
  return sorted
    .slice(0, 3)
    .map((r) => `${r.n} × "${r.reason}"`)
    .join('; ');
}

/** The circuit-breaker check of each service that got a new deployment (and of any that did not settle). */
export function circuitBreakerChecks(world: World, obs: RolloutObserver, horizonMs: number): PlanCheck[] {
  const checks: PlanCheck[] = [];
  for (const w of obs.watches) {
    const subject = serviceIdOfKey(w.key);
    const fresh = [...w.deployments.values()].filter((d) => !d.existedBefore);
    const failed = w.failedDeployment();
    if (failed !== undefined) {
      const reasons = reasonsOf(w, failed.id);
      const rules = failingRules(world, failed.taskDefinitionKey);
      const back = [...w.deployments.values()].find((d) => d.existedBefore && d.rolloutState === 'COMPLETED');
      checks.push({
        name: 'circuit-breaker',
        status: 'fail',
        subject,
        message:
          `deployment ${failed.id} of ${revisionOf(failed.taskDefinitionArn)} fails: "${failed.rolloutStateReason}"` +
          (reasons !== '' ? ` Its tasks stopped with ${reasons}.` : '') +
          (rules.length > 0 ? ` Why: ${rules.join('; ')}.` : '') +
          (w.rolledBack
            ? ` ECS rolls back to ${back !== undefined ? `${back.id} (${revisionOf(back.taskDefinitionArn)})` : 'the last completed deployment'}.`
            : ' Rollback is off: the service is left with the failed deployment.'),
      });
      continue;
    }
    if (!w.settled()) {
      const primary = fresh[0];
      const reasons = primary !== undefined ? reasonsOf(w, primary.id) : '';
      checks.push({
        name: 'circuit-breaker',
        status: 'warn',
        subject,
        message:
          `not steady within the ${fmt(horizonMs / 60_000)}-minute horizon` +
          (reasons !== '' ? `; its tasks keep failing: ${reasons}` : '') +
          (primary !== undefined ? ` (deployment ${primary.id} of ${revisionOf(primary.taskDefinitionArn)} still IN_PROGRESS)` : ''),
      });
      continue;
    }
    for (const d of fresh) {
      checks.push({
        name: 'circuit-breaker',
        status: 'pass',
        subject,
        message:
          `deployment ${d.id} of ${revisionOf(d.taskDefinitionArn)} completes` +
          (reasonsOf(w, d.id) !== '' ? `, below the circuit breaker's threshold; tasks failed along the way: ${reasonsOf(w, d.id)}` : '; no task fails'),
      });
    }
  }
  return checks;
}
