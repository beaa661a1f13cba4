#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.ts in turn (after a build); each prints its own tables.
// Pass a substring to run only matching files: `npm run bench -- synth`.
// The HTTP benches load the servers with Debian's `wrk` (a C load generator that is not the bottleneck, as a
// Node.js client in the bench process would be): installed here with apt-get when missing, as .ci/run does
// for chromium.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const filter = process.argv[2] ?? '';
const files = readdirSync('bench').filter((f) => f.endsWith('.bench.ts') && f.includes(filter)).sort();
if (!existsSync('/usr/bin/wrk') && files.some((f) => /gateway|websocket|authorizers/.test(f))) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  spawnSync('apt-get', ['install', '-y', '-qq', 'wrk'], { stdio: 'inherit', env });
}
let status = 0;
for (const file of files) {
  console.log(`\n## bench/${file}\n`);
  const run = spawnSync('npx', ['tsx', `bench/${file}`], { stdio: 'inherit' });
  status ||= run.status ?? 1;
}
process.exit(status);
