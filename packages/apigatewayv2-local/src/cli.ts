#!/usr/bin/env node
// `apigw-local`: argv → options → startGateway. The parsing lives in app/parse-cli-args.ts; this file
// only wires it to the process (exit codes, signals).
import { readFileSync } from 'node:fs';
import { GatewayError } from './errors.js';
import { startGateway } from './index.js';
import { keepGatewayHeapSmall } from './app/gateway-heap.js';
import { CLI_USAGE, parseCliArgs } from './app/parse-cli-args.js';
import { runOpenApiCommand } from './openapi/openapi-command.js';
import { OPENAPI_USAGE } from './openapi/parse-openapi-args.js';

async function main(argv: readonly string[]): Promise<void> {
  const command = parseCliArgs(argv);
  if (command.kind === 'help') {
    process.stdout.write(CLI_USAGE);
    return;
  }
  if (command.kind === 'version') {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    process.stdout.write(`${pkg.version}\n`);
    return;
  }
  if (command.kind === 'openapi-help') {
    process.stdout.write(OPENAPI_USAGE);
    return;
  }
  if (command.kind === 'openapi') {
    const text = await runOpenApiCommand(command.options);
    if (command.options.output === undefined) process.stdout.write(text);
    return;
  }
  keepGatewayHeapSmall();
  const gateway = await startGateway(command.options);
  // The last line once everything listens: scripts and people wait for it.
  console.log(`apigw-local: ready — ${gateway.apis.map((api) => api.url).join(', ')} (Ctrl-C to stop)`);
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    console.log(`apigw-local: ${signal}, closing`);
    gateway.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`apigw-local: close failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof GatewayError) {
    console.error(`apigw-local: ${error.message}`);
    process.exit(error.code === 'INVALID_OPTION' ? 2 : 1);
  }
  console.error(error);
  process.exit(1);
});
