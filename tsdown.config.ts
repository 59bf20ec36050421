import { defineConfig } from 'tsdown';

export default defineConfig({
  // The worker-thread entry is loaded by URL (src/cli/simulation/pool.ts), not imported, so it is an entry of its own.
  entry: ['src/index.ts', 'src/testing/index.ts', 'src/adapters/index.ts', 'src/report/index.ts', 'src/cli/main.ts', 'src/cli/simulation/seedWorker.ts'],
  format: 'esm',
  platform: 'node',
  target: 'node20',
  dts: true,
  outDir: 'dist',
  unbundle: true,
  clean: true,
  // package.json has "type": "module", so plain .js/.d.ts names are ESM; the exports map points at them.
  fixedExtension: false,
});
