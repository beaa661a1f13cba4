// `npm start` (after the build): runs a local stand-in for each private service, then synthesizes the app and
// serves it with `apigw-local`, each private integration pointed at its stand-in with `--backend`.
import type { Server } from 'node:http';
import { join } from 'node:path';
import { serveExample } from '../../support/serve-example.js';
import { PRIVATE_SERVICES, startPrivateService } from './private-services.js';

/** The first service's port; the others get the next ones. */
const FIRST_PORT = Number(process.env.PRIVATE_SERVICES_PORT ?? 3201);

async function main(): Promise<void> {
  const servers: Server[] = [];
  const gatewayArgs: string[] = [];
  for (const [index, service] of PRIVATE_SERVICES.entries()) {
    const url = `http://127.0.0.1:${FIRST_PORT + index}`;
    servers.push(await startPrivateService(service, FIRST_PORT + index));
    gatewayArgs.push('--backend', `${service.integrationLogicalId}=${url}`);
    console.log(`${service.name} service (reached through ${service.via}): ${url}`);
  }
  serveExample({
    exampleDir: join(__dirname, '..'),
    gatewayArgs,
    onExit: () => servers.forEach((server) => server.close()),
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
