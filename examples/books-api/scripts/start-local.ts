// `npm start` (after the build): runs the local books backend, synthesizes the app with GET /books
// pointed at it, and serves the cloud assembly with `apigw-local` until Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { startBooksBackend } from './books-backend.js';

const BACKEND_PORT = Number(process.env.BOOKS_BACKEND_PORT ?? 3100);
const exampleDir = join(__dirname, '..');
const env = { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' };

async function main(): Promise<void> {
  const backend = await startBooksBackend(BACKEND_PORT);
  const backendUrl = `http://127.0.0.1:${BACKEND_PORT}`;
  console.log(`books backend (GET /books is proxied here): ${backendUrl}`);

  const synth = spawnSync('npx', ['cdk', 'synth', '-q', '--no-notices', '-c', `booksBackendUrl=${backendUrl}`], {
    cwd: exampleDir,
    env,
    stdio: 'inherit',
  });
  if (synth.status !== 0) {
    backend.close();
    process.exit(synth.status ?? 1);
  }

  // The package's `apigw-local` bin, run with this Node.js (a fresh tsc build leaves it non-executable).
  const cli = join(dirname(require.resolve('apigatewayv2-local/package.json')), 'dist', 'cli.js');
  const gateway = spawn(process.execPath, [cli, 'cdk.out', ...process.argv.slice(2)], { cwd: exampleDir, env, stdio: 'inherit' });
  const stop = (signal: NodeJS.Signals): void => {
    gateway.kill(signal);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  gateway.on('exit', (code) => {
    backend.close();
    process.exit(code ?? 0);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
