// Lint: typescript-eslint's recommended rules, plus the two lines the architecture depends on —
// (1) the purity line: no wall clock, randomness, timers, process, console or I/O outside src/adapters and src/cli;
// (2) the direction of imports: a layer imports only the layers below it (ARCHITECTURE.md).
import tseslint from 'typescript-eslint';

/** Layers from top to bottom; each may import only those after it. */
const LAYERS = ['cli', 'adapters', 'report', 'testing', 'plan', 'sim', 'engine', 'api', 'scheduler', 'codecs', 'domain', 'fargate'];
const PURE = ['report', 'testing', 'plan', 'sim', 'engine', 'api', 'scheduler', 'codecs', 'domain', 'fargate'];

const impureSyntax = [
  { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'The core is pure: take time from the World (tx.nowMs).' },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The core is pure: `new Date()` reads the wall clock; take time from the World.' },
  { selector: "MemberExpression[object.name='Math'][property.name='random']", message: 'The core is pure: draw from the World\'s seeded Rng.' },
  { selector: "MemberExpression[object.name='performance']", message: 'The core is pure: no wall-clock timing.' },
  { selector: "CallExpression[callee.property.name='localeCompare']", message: 'Compare strings by code unit (compareStrings), never localeCompare.' },
];
const impureGlobals = ['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'queueMicrotask', 'process', 'console', 'fetch', 'require'].map((name) => ({
  name,
  message: `The core is pure: \`${name}\` belongs in src/adapters or src/cli.`,
}));
const ioModules = ['fs', 'fs/promises', 'net', 'http', 'https', 'http2', 'child_process', 'os', 'worker_threads', 'dgram', 'dns', 'readline', 'tls', 'cluster', 'timers', 'perf_hooks', 'process']
  .flatMap((m) => [m, `node:${m}`]);

function layerRules(layer) {
  const above = LAYERS.slice(0, LAYERS.indexOf(layer));
  const patterns = above.map((upper) => ({
    group: [`../${upper}/*`, `../../${upper}/*`, `../${upper}`, `../../${upper}`],
    message: `Layer '${layer}' must not import from '${upper}' (imports point down: ${LAYERS.join(' > ')}).`,
  }));
  const paths = PURE.includes(layer) ? ioModules.map((name) => ({ name, message: 'The core does no I/O.' })) : [];
  return {
    files: [`src/${layer}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', { patterns, paths }],
      ...(PURE.includes(layer)
        ? { 'no-restricted-syntax': ['error', ...impureSyntax], 'no-restricted-globals': ['error', ...impureGlobals] }
        : {}),
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='localeCompare']", message: 'Compare strings by code unit (compareStrings), never localeCompare: results must not depend on the host locale.' }],
    },
  },
  ...LAYERS.map(layerRules),
);
