import { createLocalInvoker } from '../create-local-invoker.js';
import { describeInvokerContract } from '../invoker-contract.js';
import { nodeFixtures } from './node-fixtures.js';

describeInvokerContract({
  name: 'local Node.js runtime',
  fixtures: nodeFixtures,
  createInvoker: (options) => createLocalInvoker(options),
});
