// docs/examples/rolling-deployment.ts is the timeline of the services guide: it must tell the story the guide
// tells (rolling within the bounds, draining, the circuit breaker's rollback) and print the same thing every run.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const runExample = (): string =>
  execFileSync(process.execPath, ['--import', 'tsx', 'docs/examples/rolling-deployment.ts'], { cwd: root, encoding: 'utf8' });

describe('docs/examples/rolling-deployment.ts', () => {
  it('rolls out, drains, rolls back a bad revision, and prints the same output on every run', () => {
    const first = runExample();
    expect(first).toMatch(/has started 3 tasks: (\(task [0-9a-f]{32}\) ?){3}\./);
    expect(first).toContain('UpdateService → deployments: PRIMARY web:2 desired 0 IN_PROGRESS | ACTIVE web:1 desired 3 COMPLETED');
    expect(first).toMatch(/has begun draining connections on \d tasks\./);
    expect(first).toContain('deployment failed: tasks failed to start.');
    expect(first).toMatch(/rolling back to deployment ecs-svc\/\d{19}\./);
    expect(first.trim().split('\n').at(-1)).toMatch(/→ PRIMARY ecs-svc\/\d{19} web:2 COMPLETED, running 3\/3$/);
    expect(runExample()).toBe(first);
  }, 60_000);
});
