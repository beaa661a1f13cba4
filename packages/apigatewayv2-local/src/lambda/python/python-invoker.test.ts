import { spawnSync } from 'node:child_process';
import { createLocalInvoker } from '../create-local-invoker.js';
import { describeInvokerContract } from '../invoker-contract.js';
import { pythonFixtures } from './python-fixtures.js';

// The machine may have no python3; the Python runtime is then reported by canRun instead.
const hasPython = spawnSync('python3', ['--version']).status === 0;

if (hasPython) {
  describeInvokerContract({
    name: 'local Python runtime',
    fixtures: pythonFixtures,
    createInvoker: (options) => createLocalInvoker(options),
  });
}
