import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'apigatewayv2-local',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
