import { defineConfig } from 'vitest/config';

// One run across every package and example app; each keeps its own config for `vitest run` inside it.
export default defineConfig({
  test: {
    projects: ['packages/*', 'examples/*/vitest.config.mts'],
  },
});
