import { defineConfig } from 'vitest/config';

// aws-cdk-lib checks every synthesized template against CloudFormation's rules unless CDK_VALIDATION=false.
// The tests assert the templates themselves and never read that report, and it costs about a second per
// synthesis (most of the suite's time): off for test runs, unless the environment sets it.
process.env.CDK_VALIDATION ??= 'false';

// One run across every package, example app and the 1.123 parity suite; each keeps its own config for `vitest run` inside it.
export default defineConfig({
  test: {
    projects: ['packages/*', 'examples/*/vitest.config.mts', 'parity'],
  },
});
