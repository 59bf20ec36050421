// The lint configuration is part of the architecture: these tests prove that it rejects what ARCHITECTURE.md
// forbids (impure code in the core, imports pointing up) and accepts the same code at the edge.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function messagesFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('purity line', () => {
  const impure: Array<[string, string]> = [
    ['wall clock', 'export const t = Date.now();'],
    ['new Date()', 'export const t = new Date();'],
    ['Math.random', 'export const r = Math.random();'],
    ['timers', 'setTimeout(() => {}, 1);'],
    ['process', 'export const e = process.env.HOME;'],
    ['console', 'console.log("x");'],
    ['file I/O', "import { readFileSync } from 'node:fs'; export const f = readFileSync;"],
    ['localeCompare', "export const c = 'a'.localeCompare('b');"],
  ];
  for (const layer of ['domain', 'api', 'scheduler', 'engine', 'sim', 'fargate', 'codecs', 'report']) {
    it.each(impure)(`rejects %s in src/${layer}`, async (_what, code) => {
      expect(await messagesFor(`src/${layer}/sample.ts`, code)).not.toEqual([]);
    });
  }
  it.each(impure.filter(([w]) => w !== 'localeCompare'))('allows %s in src/adapters', async (_what, code) => {
    expect(await messagesFor('src/adapters/sample.ts', code)).toEqual([]);
  });
  it('allows formatting a given instant (new Date(ms)) in the core', async () => {
    expect(await messagesFor('src/domain/sample.ts', 'export const s = new Date(0).toISOString();')).toEqual([]);
  });
});

describe('direction of imports', () => {
  it.each([
    ['domain', '../engine/advance.js'],
    ['domain', '../api/operations.js'],
    ['api', '../engine/execute.js'],
    ['scheduler', '../api/operations.js'],
    ['engine', '../adapters/server.js'],
    ['fargate', '../domain/world.js'],
  ])('rejects src/%s importing %s', async (layer, target) => {
    const msgs = await messagesFor(`src/${layer}/sample.ts`, `import { x } from '${target}';\nexport const y = x;`);
    expect(msgs.join('\n')).toMatch(/must not import from/);
  });
  it.each([
    ['engine', '../api/operations.js'],
    ['api', '../domain/world.js'],
    ['adapters', '../engine/execute.js'],
    ['cli', '../adapters/server.js'],
  ])('allows src/%s importing %s', async (layer, target) => {
    expect(await messagesFor(`src/${layer}/sample.ts`, `import { x } from '${target}';\nexport const y = x;`)).toEqual([]);
  });
});
