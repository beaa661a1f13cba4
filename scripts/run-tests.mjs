#!/usr/bin/env node
// Runs every package's tests in one vitest process and closes with the plain "N passed, N failed" line,
// which is what CI reads (it does not parse vitest's own summary).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const report = '.vitest.json';
rmSync(report, { force: true });
const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${report}`, ...process.argv.slice(2)];
const run = spawnSync('npx', args, { stdio: 'inherit' });

if (!existsSync(report)) {
  console.error('vitest wrote no report; treating the run as failed');
  process.exit(run.status || 1);
}
const { numPassedTests, numFailedTests, numPendingTests, numTotalTests } = JSON.parse(readFileSync(report, 'utf8'));
if (numTotalTests === 0) {
  console.error('no test ran');
  process.exit(1);
}
console.log(`\n${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests} skipped`);
process.exit(run.status ?? 1);
