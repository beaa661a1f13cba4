// What every example's `npm start` does once its local backends run: synthesize the app with the real CDK
// CLI (offline, no telemetry) and serve the cloud assembly with `apigw-local` until Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface ServeExampleOptions {
  /** The example's directory (where its cdk.json is). */
  readonly exampleDir: string;
  /** Context values passed to `cdk synth` as `-c key=value`. @default {} */
  readonly context?: Readonly<Record<string, string>>;
  /** Flags for `apigw-local` before the user's own (e.g. `--backend Id=url`). @default [] */
  readonly gatewayArgs?: readonly string[];
  /** Runs once the gateway has exited, e.g. to stop the example's local backends. @default nothing */
  readonly onExit?: () => void;
}

/** Synthesizes the example with `npx cdk synth` and runs `apigw-local cdk.out` with the command line's extra flags. */
export function serveExample(options: ServeExampleOptions): void {
  const env = { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' };
  const contextArgs = Object.entries(options.context ?? {}).flatMap(([key, value]) => ['-c', `${key}=${value}`]);
  const synth = spawnSync('npx', ['cdk', 'synth', '-q', '--no-notices', ...contextArgs], { cwd: options.exampleDir, env, stdio: 'inherit' });
  if (synth.status !== 0) {
    options.onExit?.();
    process.exit(synth.status ?? 1);
  }

  // The package's `apigw-local` bin, run with this Node.js (a fresh tsc build leaves it non-executable).
  const requireFromExample = createRequire(join(options.exampleDir, 'package.json'));
  const cli = join(dirname(requireFromExample.resolve('apigatewayv2-local/package.json')), 'dist', 'cli.js');
  const args = [cli, 'cdk.out', ...(options.gatewayArgs ?? []), ...process.argv.slice(2)];
  const gateway = spawn(process.execPath, args, { cwd: options.exampleDir, env, stdio: 'inherit' });
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
