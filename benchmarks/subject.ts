/**
 * What the throughput benchmarks measure: by default the built package (`dist/`, what `import 'ecs-twin'` loads;
 * `npm run bench` builds it first), or the TypeScript sources run through tsx with `BENCH_SOURCE=src`. On
 * 2026-11-26 the two measured the same within the run-to-run noise (launch of 100k tasks: 121k vs 123k tasks/s
 * median); the default stays the artefact users run, so a build-time change cannot hide from the benchmark.
 */
type Api = typeof import('../src/index.js');

const fromSource = process.env.BENCH_SOURCE === 'src';
// A computed specifier: the type checker must not need dist/ to exist (the test suite runs before any build).
const distEntry = new URL('../dist/index.js', import.meta.url).href;

async function load(): Promise<Api> {
  if (fromSource) return import('../src/index.js');
  try {
    return (await import(distEntry)) as Api;
  } catch (e) {
    throw new Error(`benchmarks measure the built package: run \`npm run build\` first (or set BENCH_SOURCE=src): ${String(e)}`);
  }
}

/** The engine under test. */
export const api: Api = await load();
/** Which build that is, for the report's header. */
export const subjectLine = fromSource ? 'sources via tsx (BENCH_SOURCE=src)' : 'built package (dist/)';
