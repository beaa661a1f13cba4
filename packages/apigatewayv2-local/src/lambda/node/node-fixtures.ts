import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FixtureBehaviour, RuntimeFixtures } from '../invoker-contract.js';

/** CommonJS handlers for the invoker contract, one `index.js` per function directory. */
const SOURCES: Record<FixtureBehaviour, string> = {
  echo: `exports.handler = async (event, context) => ({
  event,
  env: Object.fromEntries((event.envNames || []).map((name) => [name, process.env[name] === undefined ? null : process.env[name]])),
  context: {
    functionName: context.functionName, functionVersion: context.functionVersion,
    invokedFunctionArn: context.invokedFunctionArn, memoryLimitInMB: context.memoryLimitInMB,
    awsRequestId: context.awsRequestId, logGroupName: context.logGroupName, logStreamName: context.logStreamName,
    remainingMs: context.getRemainingTimeInMillis(),
  },
});`,
  counter: `let count = 0;
exports.handler = async () => ({ count: ++count, pid: process.pid });`,
  sleep: `exports.handler = (event) => new Promise((resolve) => setTimeout(() => resolve({ pid: process.pid }), event.ms));`,
  fail: `exports.handler = async (event) => { throw new TypeError(event.message); };`,
  exit: `exports.handler = async () => { process.exit(3); };`,
  crash: `let count = 0;
exports.handler = async (event) => {
  if (event.crash) {
    setTimeout(() => { throw new Error('boom outside the handler'); }, 10);
    return new Promise(() => {});
  }
  return { count: ++count };
};`,
  print: `exports.handler = async (event) => { process.stdout.write(event.line + '\\n'); return null; };`,
  'init-error': `throw new Error('cannot initialise');`,
};

export const nodeFixtures: RuntimeFixtures = {
  runtime: 'nodejs20.x',
  async write(behaviour, dir) {
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'index.js'), SOURCES[behaviour]);
    return { code: { kind: 'directory', path: dir }, handler: 'index.handler' };
  },
};
