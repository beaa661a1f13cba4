#!/usr/bin/env node
// `npm run lint`: type-aware ESLint over the repository, one process per area. Each area's files bring their
// own TypeScript projects (tsconfig.json per package, tests, examples…), and each project loads aws-cdk-lib's
// declarations again; linting everything in one process kept all of them in memory at once (over 8 GB).
// Extra arguments go to every run (e.g. `npm run lint -- --fix`).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const areas = [
  ...readdirSync('packages').map((name) => `packages/${name}`),
  'examples',
  'parity',
  'bench',
  'scripts',
];
let failed = false;
for (const area of areas) {
  const run = spawnSync(
    process.execPath,
    ['--max-old-space-size=6144', 'node_modules/eslint/bin/eslint.js', area, ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  if (run.status !== 0) {
    console.error(`lint: ${area} failed (exit ${run.status ?? run.signal})`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
