import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/testing/index.ts', 'src/adapters/index.ts', 'src/cli/main.ts'],
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
