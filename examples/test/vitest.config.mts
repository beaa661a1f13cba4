import { defineConfig } from 'vitest/config';

// Tests across every example app (each example also has its own tests beside it).
export default defineConfig({
  test: {
    name: 'examples',
    include: ['**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
