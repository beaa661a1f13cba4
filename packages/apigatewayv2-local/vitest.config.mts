import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'apigatewayv2-local',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    // Removes the temp assemblies aws-cdk-lib leaves behind for every App synthesized without an outdir.
    setupFiles: ['../../scripts/remove-cdk-temp-assemblies.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
