import { spawnSync } from 'node:child_process';
import { chmod } from 'node:fs/promises';
import path from 'node:path';
import { writeFiles } from '../function-fixtures.js';
import type { FixtureBehaviour, RuntimeFixtures } from '../invoker-contract.js';

/**
 * A custom runtime in Python, as a user would write one: the Runtime API loop (urllib only) around a
 * `handle(event, headers)` function, or a report to `init/error` before the loop.
 */
function pythonBootstrap(body: string): string {
  return `#!${pythonInterpreter()}
import json, os, sys, threading, time, traceback, urllib.request

API = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2018-06-01/runtime"


def call(method, path, body=None, headers=None):
    request = urllib.request.Request(API + path, data=body, method=method, headers=headers or {})
    with urllib.request.urlopen(request) as response:
        return response.read(), response.headers

${body}

while True:
    event, headers = call("GET", "/invocation/next")
    request_id = headers["Lambda-Runtime-Aws-Request-Id"]
    try:
        result = handle(json.loads(event), headers)
    except Exception as error:
        report = {"errorType": type(error).__name__, "errorMessage": str(error), "stackTrace": traceback.format_tb(error.__traceback__)}
        call("POST", "/invocation/" + request_id + "/error", json.dumps(report).encode(), {"Lambda-Runtime-Function-Error-Type": "Unhandled"})
    else:
        call("POST", "/invocation/" + request_id + "/response", json.dumps(result).encode())
`;
}

let interpreter: string | undefined;

/**
 * The interpreter behind `python3`, named in the shebang: a version manager's shim (pyenv's is a shell
 * script) would add 100 ms or more to every environment start and make the contract's timings flaky.
 */
export function pythonInterpreter(): string {
  interpreter ??= spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout.trim() || '/usr/bin/env python3';
  return interpreter;
}

/** The `handle` function (or init code) of each behaviour. */
const HANDLERS: Record<FixtureBehaviour, string> = {
  echo: `def handle(event, headers):
    env = os.environ
    return {
        "event": event,
        "env": {name: env.get(name) for name in event.get("envNames", [])},
        "context": {
            "functionName": env.get("AWS_LAMBDA_FUNCTION_NAME"), "functionVersion": env.get("AWS_LAMBDA_FUNCTION_VERSION"),
            "invokedFunctionArn": headers["Lambda-Runtime-Invoked-Function-Arn"], "memoryLimitInMB": env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"),
            "awsRequestId": headers["Lambda-Runtime-Aws-Request-Id"], "logGroupName": env.get("AWS_LAMBDA_LOG_GROUP_NAME"),
            "logStreamName": env.get("AWS_LAMBDA_LOG_STREAM_NAME"),
            "remainingMs": int(headers["Lambda-Runtime-Deadline-Ms"]) - int(time.time() * 1000),
        },
    }`,
  counter: `count = 0

def handle(event, headers):
    global count
    count += 1
    return {"count": count, "pid": os.getpid()}`,
  sleep: `def handle(event, headers):
    time.sleep(event["ms"] / 1000)
    return {"pid": os.getpid()}`,
  fail: `def handle(event, headers):
    raise TypeError(event["message"])`,
  exit: `def handle(event, headers):
    sys.exit(3)`,
  crash: `count = 0

def handle(event, headers):
    global count
    if event.get("crash"):
        threading.Timer(0.01, lambda: os._exit(70)).start()
        time.sleep(10)
    count += 1
    return {"count": count}`,
  print: `def handle(event, headers):
    print(event["line"], flush=True)
    return None`,
  'init-error': `call("POST", "/init/error", json.dumps({"errorType": "Runtime.ConfigError", "errorMessage": "cannot initialise"}).encode())
sys.exit(1)`,
};

/** Writes an executable `bootstrap` (mode 755) and whatever else `files` holds into `dir`. */
export async function writeBootstrap(dir: string, bootstrap: string, files: Readonly<Record<string, string>> = {}): Promise<void> {
  await writeFiles(dir, { ...files, bootstrap });
  await chmod(path.join(dir, 'bootstrap'), 0o755);
}

/** The handler string is the custom runtime's business (`_HANDLER`); these bootstraps ignore it. */
export const providedFixtures: RuntimeFixtures = {
  runtime: 'provided.al2023',
  handlerStyles: ['python bootstrap'],
  async write(behaviour, dir, style) {
    if (style !== undefined && style !== 'python bootstrap') throw new Error(`No custom runtime style '${style}'`);
    await writeBootstrap(dir, pythonBootstrap(HANDLERS[behaviour]));
    return { code: { kind: 'directory', path: dir }, handler: 'function.handler' };
  },
};
