/**
 * The entry point of one Node.js execution environment (a child process of the gateway). It runs the init
 * phase once (loads the handler named by `_HANDLER` from `LAMBDA_TASK_ROOT`), then serves invocations
 * one at a time over the gateway's message channel (JSON lines on fds 3 and 4, `message-channel.ts`), keeping module state between them as a warm Lambda environment does.
 */
import { register } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatError } from './format-error.js';
import { patchConsole } from './lambda-console.js';
import { loadHandler, type LoadedHandler } from './load-handler.js';
import { openMessageChannel } from './message-channel.js';
import type { ChildMessage, ErrorFields, ParentMessage } from '../../environment-messages.js';
import { runHandler, type FunctionFields } from './run-handler.js';
import type { RuntimeSdkHookData } from './runtime-sdk-hooks.js';

/** The exit status Lambda's Node.js runtime uses after an uncaught exception. */
const CRASH_EXIT_STATUS = 129;

// Read before user code runs: a handler may change process.env, the context must not change with it.
const env = { ...process.env };
const functionFields: FunctionFields = {
  functionName: env.AWS_LAMBDA_FUNCTION_NAME ?? '',
  functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION ?? '$LATEST',
  memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '',
  logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME ?? '',
  logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME ?? '',
};
let currentRequestId: string | undefined;
let crashing = false;

const channel = openMessageChannel();

function send(message: ChildMessage, then?: () => void): void {
  channel.send(message, then);
}

function crash(fields: ErrorFields): void {
  if (crashing) return;
  crashing = true;
  console.error('Uncaught Exception', JSON.stringify({ errorType: fields.errorType, errorMessage: fields.errorMessage, stack: fields.trace }));
  send({ type: 'crash', ...fields }, () => process.exit(CRASH_EXIT_STATUS));
}

type InvokeMessage = Extract<ParentMessage, { type: 'invoke' }>;

async function invoke(message: InvokeMessage, handler: LoadedHandler): Promise<void> {
  const { requestId } = message;
  currentRequestId = requestId;
  let reply: ChildMessage;
  try {
    const result = await runHandler(handler, message.event, functionFields, {
      invokedFunctionArn: message.invokedFunctionArn,
      awsRequestId: requestId,
      deadlineMs: Date.now() + message.timeoutMs,
    });
    reply = { type: 'result', requestId, payload: serializeResult(result) };
  } catch (error) {
    const fields = formatError(error);
    console.error('Invoke Error', JSON.stringify({ errorType: fields.errorType, errorMessage: fields.errorMessage, stack: fields.trace }));
    reply = { type: 'error', requestId, ...fields };
  }
  if (!crashing) send(reply);
}

/** Lambda answers `undefined` with `null`, and a result JSON cannot express with a function error. */
function serializeResult(result: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(result === undefined ? null : result);
  } catch {
    throw new Error('Unable to stringify response body');
  }
  return text ?? 'null';
}

/** The argument by which the gateway names the runtime SDK directory (see `runtime-sdk.ts`). */
const RUNTIME_SDK_ARGUMENT = '--runtime-sdk=';

/**
 * Gives ES module handlers the AWS SDK that Lambda's runtime includes, through a resolve hook; CommonJS
 * handlers find it through `NODE_PATH`, which the gateway sets to the same directory's `node_modules`.
 */
function offerRuntimeSdk(): void {
  const dir = process.argv.find((arg) => arg.startsWith(RUNTIME_SDK_ARGUMENT))?.slice(RUNTIME_SDK_ARGUMENT.length);
  if (dir === undefined || dir === '') return;
  const data: RuntimeSdkHookData = { parentUrl: pathToFileURL(path.join(dir, 'index.js')).href };
  register('./runtime-sdk-hooks.js', import.meta.url, { data });
}

async function main(): Promise<void> {
  patchConsole(() => currentRequestId);
  process.on('uncaughtException', (error) => crash(formatError(error)));
  process.on('unhandledRejection', (reason) => {
    const cause = formatError(reason);
    crash({ errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: `${cause.errorType}: ${cause.errorMessage}`, trace: cause.trace });
  });

  // The gateway may send the next invocation before this one is answered; it waits here, so the
  // environment still runs one invocation at a time, starting the next right after each reply.
  const queue: InvokeMessage[] = [];
  let handler: LoadedHandler | undefined = undefined;
  let running = false;
  const runQueued = async (ready: LoadedHandler): Promise<void> => {
    running = true;
    for (let next = queue.shift(); next !== undefined && !crashing; next = queue.shift()) await invoke(next, ready);
    running = false;
  };
  channel.listen(
    (message) => {
      if (message.type === 'withdraw') {
        const index = queue.findIndex((queued) => queued.requestId === message.requestId);
        if (index >= 0) {
          queue.splice(index, 1);
          send({ type: 'withdrawn', requestId: message.requestId });
        }
        return;
      }
      queue.push(message);
      if (handler !== undefined && !running) void runQueued(handler);
    },
    // The gateway went away (even during init): nothing can reach this environment any more.
    () => process.exit(0),
  );

  offerRuntimeSdk();
  const loaded = await loadHandler(env.LAMBDA_TASK_ROOT ?? process.cwd(), env._HANDLER ?? '');
  if (!loaded.ok) {
    const { errorType, errorMessage, trace } = loaded;
    console.error('Init Error', JSON.stringify({ errorType, errorMessage, stack: trace }));
    send({ type: 'init-error', errorType, errorMessage, trace }, () => process.exit(1));
    return;
  }
  handler = loaded.handler;
  send({ type: 'ready' });
}

await main();
