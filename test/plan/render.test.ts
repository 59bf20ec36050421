import { describe, expect, it } from 'vitest';
import { countChanges, formatDuration, isNoOpPlan, renderPlan, showValue, summaryLine } from '../../src/plan/render.js';
import { EMPTY_PLAN, SAMPLE_PLAN } from './samplePlans.js';

const ANSI = /\u001b\[[0-9;]*m/g;

describe('renderPlan', () => {
  it('renders a plan without colours like terraform plan', () => {
    expect(renderPlan(SAMPLE_PLAN, { color: false })).toMatchInlineSnapshot(`
      "ecs-twin will perform the following actions:

        + cluster staging (create; from resources.clusters[0])
            cluster staging does not exist
            + clusterName: "staging"

        + taskDefinition web:3 (create; from WebTaskDefinition)
            the container definitions differ from web:2: a new revision
            ~ containerDefinitions[0].image: "nginx:1.25" → "nginx:1.27"

        ~ service prod/web (new deployment; from WebService)
            taskDefinition changes from web:2 to web:3: a new deployment
            ~ taskDefinition: "web:2" → "web:3"
            ~ desiredCount:   4 → 6

        ~ service prod/worker (update in place; from WorkerService)
            desiredCount only: no new tasks for the running ones
            + deploymentConfiguration.maximumPercent: 150

        + scalableTarget service/prod/web (create; from WebScalableTarget)
            no scalable target registered

        (1 resource unchanged)

      Operations (5, in order):
        1. CreateCluster staging
        2. RegisterTaskDefinition web:3
        3. UpdateService prod/web
        4. UpdateService prod/worker
        5. RegisterScalableTarget service/prod/web (Application Auto Scaling)

      Predicted rollout:
        prod/web: COMPLETED, steady after 6m 30s
            peak 10 tasks / 2.5 vCPUs, lowest healthy 4
            IPs at peak: subnet-a 5, subnet-b 5
                +0s  (service web) has started 4 tasks: (task a) (task b) (task c) (task d).
            +1m 15s  (service web) has stopped 4 running tasks: (task e) (task f) (task g) (task h).
            +6m 30s  (service web) has reached a steady state.

      Checks:
        ✓ vcpu-quota account: peak 2.5 of 6 vCPUs (On-Demand quota)
        ! subnet-ips subnet-a: 5 of 11 free addresses in use at the peak
        ✗ circuit-breaker prod/web: web:3 never becomes healthy: the breaker trips after 10 failed tasks

      Monthly cost of the planned services: $72.08 → $108.12 (+$36.04)

      Warnings:
        ! WebService: !Ref ImageTag is not resolved; kept as \${ImageTag}

      Plan: 3 to create, 1 to update, 1 new deployment, 0 to replace.
      "
    `);
  });

  it('renders an empty plan as one sentence plus the cost', () => {
    expect(renderPlan(EMPTY_PLAN, { color: false })).toMatchInlineSnapshot(`
      "Monthly cost of the planned services: $72.08 → $72.08 (±$0.00)

      No changes. Your infrastructure matches the desired state.
      "
    `);
  });

  it('colours the summary and the cost of an empty plan', () => {
    expect(JSON.stringify(renderPlan(EMPTY_PLAN, { color: true }))).toMatchInlineSnapshot(`""\\u001b[1mMonthly cost of the planned services:\\u001b[0m $72.08 → $72.08 (\\u001b[2m±$0.00\\u001b[0m)\\n\\n\\u001b[32mNo changes. Your infrastructure matches the desired state.\\u001b[0m\\n""`);
  });

  it('colours only when asked, and the coloured text is the plain text once the escapes are removed', () => {
    const plain = renderPlan(SAMPLE_PLAN, { color: false });
    const coloured = renderPlan(SAMPLE_PLAN, { color: true });
    expect(plain).not.toMatch(ANSI);
    expect(coloured).toMatch(ANSI);
    expect(coloured.replace(ANSI, '')).toBe(plain);
    expect(coloured).toContain('\u001b[32m  +\u001b[0m');
    expect(coloured).toContain('\u001b[31m✗\u001b[0m');
  });

  it('cuts long event lists and says how many are left', () => {
    const events = Array.from({ length: 5 }, (_, i) => ({ atSeconds: i * 10, message: `event ${i}` }));
    const rollout = SAMPLE_PLAN.rollouts[0];
    if (rollout === undefined) throw new Error('fixture');
    const text = renderPlan({ ...SAMPLE_PLAN, rollouts: [{ ...rollout, events }] }, { color: false, maxEvents: 2 });
    expect(text).toContain('event 1');
    expect(text).not.toContain('event 2');
    expect(text).toContain('… 3 more events');
  });

  it('is deterministic', () => {
    expect(renderPlan(SAMPLE_PLAN, { color: true })).toBe(renderPlan(structuredClone(SAMPLE_PLAN), { color: true }));
  });
});

describe('the summary', () => {
  it('counts each kind', () => {
    expect(countChanges(SAMPLE_PLAN)).toEqual({ 'no-op': 1, create: 3, update: 1, 'new-deployment': 1, replace: 0 });
    expect(summaryLine(SAMPLE_PLAN)).toBe('Plan: 3 to create, 1 to update, 1 new deployment, 0 to replace.');
  });

  it('uses the plural for several new deployments', () => {
    const two = { ...SAMPLE_PLAN, changes: [...SAMPLE_PLAN.changes, { ...SAMPLE_PLAN.changes[2]!, id: 'prod/other' }] };
    expect(summaryLine(two)).toBe('Plan: 3 to create, 1 to update, 2 new deployments, 0 to replace.');
  });

  it('is the no-change sentence only when no resource changes and no operation is planned', () => {
    expect(isNoOpPlan(EMPTY_PLAN)).toBe(true);
    expect(summaryLine(EMPTY_PLAN)).toBe('No changes. Your infrastructure matches the desired state.');
    expect(isNoOpPlan({ ...EMPTY_PLAN, operations: [SAMPLE_PLAN.operations[0]!] })).toBe(false);
  });
});

describe('formatting helpers', () => {
  it('formats durations', () => {
    expect([0, 45, 60, 390, 3600, 7500].map(formatDuration)).toEqual(['0s', '45s', '1m 00s', '6m 30s', '1h 00m', '2h 05m']);
  });

  it('shows values as JSON and cuts long ones', () => {
    expect(showValue('web:3')).toBe('"web:3"');
    expect(showValue(undefined)).toBe('(absent)');
    const long = showValue('x'.repeat(500));
    expect(long).toHaveLength(120);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('the cost line', () => {
  it('is left out when the plan rolls out no service (both sides $0)', () => {
    const text = renderPlan({ ...EMPTY_PLAN, monthlyCostUsd: { before: 0, after: 0 } }, { color: false });
    expect(text).toBe('No changes. Your infrastructure matches the desired state.\n');
  });
});
