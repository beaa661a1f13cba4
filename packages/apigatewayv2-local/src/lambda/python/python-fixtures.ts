import { writeFiles } from '../function-fixtures.js';
import type { FixtureBehaviour, RuntimeFixtures } from '../invoker-contract.js';

/** Python handlers for the invoker contract, one `index.py` per function directory. */
const SOURCES: Record<FixtureBehaviour, string> = {
  echo: `import os

def handler(event, context):
    return {
        "event": event,
        "env": {name: os.environ.get(name) for name in event.get("envNames", [])},
        "context": {
            "functionName": context.function_name, "functionVersion": context.function_version,
            "invokedFunctionArn": context.invoked_function_arn, "memoryLimitInMB": context.memory_limit_in_mb,
            "awsRequestId": context.aws_request_id, "logGroupName": context.log_group_name,
            "logStreamName": context.log_stream_name, "remainingMs": context.get_remaining_time_in_millis(),
        },
    }
`,
  counter: `import os
count = 0

def handler(event, context):
    global count
    count += 1
    return {"count": count, "pid": os.getpid()}
`,
  sleep: `import os, time

def handler(event, context):
    time.sleep(event["ms"] / 1000)
    return {"pid": os.getpid()}
`,
  fail: `def handler(event, context):
    raise TypeError(event["message"])
`,
  exit: `import sys

def handler(event, context):
    sys.exit(3)
`,
  crash: `import os, threading, time
count = 0

def handler(event, context):
    global count
    if event.get("crash"):
        threading.Timer(0.01, lambda: os._exit(70)).start()
        time.sleep(10)
    count += 1
    return {"count": count}
`,
  print: `def handler(event, context):
    print(event["line"])
    return None
`,
  'init-error': `raise RuntimeError("cannot initialise")
`,
};

/** The `echo` behaviour in each way a Python handler can be named. */
const STYLES: Record<string, { readonly files: Record<string, string>; readonly handler: string }> = {
  'module.function': { files: { 'index.py': SOURCES.echo }, handler: 'index.handler' },
  'path/to/module.function': { files: { 'src/app.py': SOURCES.echo }, handler: 'src/app.handler' },
  'package.module.function': { files: { 'pkg/__init__.py': '', 'pkg/app.py': SOURCES.echo }, handler: 'pkg.app.handler' },
};

export const pythonFixtures: RuntimeFixtures = {
  runtime: 'python3.12',
  handlerStyles: Object.keys(STYLES),
  async write(behaviour, dir, style) {
    if (style !== undefined && behaviour !== 'echo') throw new Error(`Handler styles exist for 'echo' only, not '${behaviour}'`);
    const chosen = style === undefined ? { files: { 'index.py': SOURCES[behaviour] }, handler: 'index.handler' } : STYLES[style];
    if (chosen === undefined) throw new Error(`No Python handler style '${style}'`);
    await writeFiles(dir, chosen.files);
    return { code: { kind: 'directory', path: dir }, handler: chosen.handler };
  },
};
