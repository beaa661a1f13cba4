// What every example's `npm start` does once its local backends run: serve the app with
// `apigw-local --app "<cdk.json's app>" --watch` until Ctrl-C. The gateway runs the app command as `cdk synth`
// does (same command, context and output) and serves each saved change to the stack or a handler in place.
// (examples/test/cdk-cli-synth.e2e.test.ts checks that the real CDK CLI synthesizes each example offline.)
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface ServeExampleOptions {
  /** The example's directory (where its cdk.json is). */
  readonly exampleDir: string;
  /** Context values for the app, passed as `-c key=value` (as `cdk synth -c` would). @default {} */
  readonly context?: Readonly<Record<string, string>>;
  /** Flags for `apigw-local` before the user's own (e.g. `--backend Id=url`). @default [] */
  readonly gatewayArgs?: readonly string[];
  /** Runs once the gateway has exited, e.g. to stop the example's local backends. @default nothing */
  readonly onExit?: () => void;
}

/** Where `apigw-local` serves the first API when no `--port` is given. */
export const DEFAULT_GATEWAY_PORT = 3000;

/**
 * The port `apigw-local` serves the first API on, given the flags the user passed after `--`
 * (`--port 4000`, `--port=4000`, `-p 4000`): the value of the last such flag, else DEFAULT_GATEWAY_PORT.
 */
export function gatewayPort(args: readonly string[] = process.argv.slice(2)): number {
  let port = DEFAULT_GATEWAY_PORT;
  for (const [index, arg] of args.entries()) {
    if (arg.startsWith('--port=')) port = Number(arg.slice('--port='.length));
    else if ((arg === '--port' || arg === '-p') && args[index + 1] !== undefined) port = Number(args[index + 1]);
  }
  return port;
}

/**
 * Runs `apigw-local --app "<cdk.json's app>" --watch` in the example's directory, with its context values, its
 * gateway flags and the command line's extra flags.
 */
export function serveExample(options: ServeExampleOptions): void {
  const { app } = JSON.parse(readFileSync(join(options.exampleDir, 'cdk.json'), 'utf8')) as { app: string };
  const contextArgs = Object.entries(options.context ?? {}).flatMap(([key, value]) => ['-c', `${key}=${value}`]);

  // The package's `apigw-local` bin, run with this Node.js (a fresh tsc build leaves it non-executable).
  const requireFromExample = createRequire(join(options.exampleDir, 'package.json'));
  const cli = join(dirname(requireFromExample.resolve('apigatewayv2-local/package.json')), 'dist', 'cli.js');
  const args = [cli, '--app', app, '--watch', ...contextArgs, ...(options.gatewayArgs ?? []), ...process.argv.slice(2)];
  const gateway = spawn(process.execPath, args, { cwd: options.exampleDir, stdio: 'inherit' });
  const stop = (signal: NodeJS.Signals): void => {
    gateway.kill(signal);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  gateway.on('exit', (code) => {
    options.onExit?.();
    process.exit(code ?? 0);
  });
}
