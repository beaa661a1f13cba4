import { defineConfig } from 'vitest/config';

// One run across every package, example app and the 1.123 parity suite; each keeps its own config for `vitest run` inside it.
export default defineConfig({
  test: {
    projects: ['packages/*', 'examples/*/vitest.config.mts', 'parity'],
  },
});
