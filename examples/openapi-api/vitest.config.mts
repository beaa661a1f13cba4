import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'example-openapi-api',
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
