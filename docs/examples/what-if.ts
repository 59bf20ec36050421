/**
 * The what-if simulator as a library: load a bundled scenario (the Spot mix), run 3 seeds of each variant, and print
 * each variant's outcome against the first and the best variant. Deterministic: run it twice, diff the output.
 *
 *   npx tsx docs/examples/what-if.ts
 *
 * In your code, import from 'ecs-twin'; `renderReport` from 'ecs-twin/report' turns the result into the HTML page.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import { formatProblem, loadScenarioFile, simulate } from '../../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const path = resolve(here, 'scenarios/spot-mix/scenario.yaml');
const file = loadScenarioFile(readFileSync(path, 'utf8'), {
  fileName: path,
  // Resource bodies and CSV files named in a scenario are read through this function (the core does no I/O).
  readFile: (p) => {
    try {
      return E.right(readFileSync(resolve(dirname(path), p), 'utf8'));
    } catch {
      return E.left(`no such file: ${p}`);
    }
  },
});
if (E.isLeft(file)) {
  for (const p of file.left) console.error(formatProblem(p));
  process.exit(2);
}

const result = simulate(file.right, { seeds: 3 });
for (const v of result.variants) {
  const total = v.outcomes.total!;
  console.log(
    `${v.name.padEnd(10)} cost $${total.costUsd!.mean.toFixed(2)} (${v.costDeltaUsd >= 0 ? '+' : ''}${v.costDeltaUsd.toFixed(2)})` +
      `  dropped ${total.droppedRequestsPct!.mean.toFixed(3)}%  Spot interruptions ${total.spotInterruptions!.mean.toFixed(1)}` +
      `  asserts ${v.pass ? 'pass' : 'FAIL'}`,
  );
}
console.log(`best: ${result.best ?? 'none passes'}`);
