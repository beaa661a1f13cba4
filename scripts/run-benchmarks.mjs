#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.ts in turn (after a build); each prints its own tables.
// Pass a substring to run only matching files: `npm run bench -- synth`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const filter = process.argv[2] ?? '';
const files = readdirSync('bench').filter((f) => f.endsWith('.bench.ts') && f.includes(filter)).sort();
let status = 0;
for (const file of files) {
  console.log(`\n## bench/${file}\n`);
  const run = spawnSync('npx', ['tsx', `bench/${file}`], { stdio: 'inherit' });
  status ||= run.status ?? 1;
}
process.exit(status);
