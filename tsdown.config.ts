import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/testing/index.ts', 'src/cli/main.ts'],
  format: 'esm',
  platform: 'node',
  target: 'node20',
  dts: true,
  outDir: 'dist',
  unbundle: true,
  clean: true,
});
