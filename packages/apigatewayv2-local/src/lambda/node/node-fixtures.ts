import { writeFiles } from '../function-fixtures.js';
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

/** The echo body shared by every handler style below. */
const ECHO_RESULT = SOURCES.echo.slice(SOURCES.echo.indexOf('({'), SOURCES.echo.lastIndexOf(';'));

/** The `echo` behaviour in each way a Node.js handler can be written: file name → source, and handler string. */
const STYLES: Record<string, { readonly files: Record<string, string>; readonly handler: string }> = {
  commonjs: { files: { 'index.js': SOURCES.echo }, handler: 'index.handler' },
  'es module (.mjs)': { files: { 'index.mjs': `export const handler = async (event, context) => ${ECHO_RESULT};` }, handler: 'index.handler' },
  'es module ("type": "module")': {
    files: { 'package.json': '{ "type": "module" }', 'src/app.js': `export async function handler(event, context) { return ${ECHO_RESULT}; }` },
    handler: 'src/app.handler',
  },
  'commonjs (.cjs)': { files: { 'lib/main.cjs': `module.exports.handler = async (event, context) => ${ECHO_RESULT};` }, handler: 'lib/main.handler' },
  callback: { files: { 'index.js': `exports.handler = (event, context, callback) => { setTimeout(() => callback(null, ${ECHO_RESULT}), 1); };` }, handler: 'index.handler' },
  'context.succeed': { files: { 'index.js': `exports.handler = (event, context) => { context.succeed(${ECHO_RESULT}); };` }, handler: 'index.handler' },
};

export const nodeFixtures: RuntimeFixtures = {
  runtime: 'nodejs20.x',
  handlerStyles: Object.keys(STYLES),
  async write(behaviour, dir, style) {
    if (style !== undefined && behaviour !== 'echo') throw new Error(`Handler styles exist for 'echo' only, not '${behaviour}'`);
    const { files, handler } = style === undefined ? { files: { 'index.js': SOURCES[behaviour] }, handler: 'index.handler' } : STYLES[style] ?? missingStyle(style);
    await writeFiles(dir, files);
    return { code: { kind: 'directory', path: dir }, handler };
  },
};

function missingStyle(style: string): never {
  throw new Error(`No Node.js handler style '${style}'`);
}
