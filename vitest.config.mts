import { defineConfig } from 'vitest/config';

// One run across every package; each package keeps its own config for `vitest run` inside it.
export default defineConfig({
  test: {
    projects: ['packages/*', 'parity'],
  },
});
