import { spawnSync } from 'node:child_process';
import { createLocalInvoker } from '../create-local-invoker.js';
import { describeInvokerContract } from '../invoker-contract.js';
import { providedFixtures } from './provided-fixtures.js';

// The fixtures' bootstraps are Python scripts; without python3 they cannot run (canRun does not know that:
// a bootstrap's interpreter is its own business, as in Lambda).
const hasPython = spawnSync('python3', ['--version']).status === 0;

if (hasPython) {
  describeInvokerContract({
    name: 'local custom runtime (provided.al2023, Runtime API)',
    fixtures: providedFixtures,
    createInvoker: (options) => createLocalInvoker(options),
  });
}
