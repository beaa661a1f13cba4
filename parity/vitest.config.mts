import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'parity',
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // First: one copy of constructs@3 for the whole @aws-cdk v1 tree (see the file). Then the temp-assembly cleanup.
    setupFiles: ['./src/one-constructs-v3.ts', '../scripts/remove-cdk-temp-assemblies.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
