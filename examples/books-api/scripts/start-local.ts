// `npm start` (after the build): runs the local books backend, synthesizes the app with GET /books
// pointed at it, and serves the cloud assembly with `apigw-local` until Ctrl-C.
import { join } from 'node:path';
import { serveExample } from '../../support/serve-example.js';
import { startBooksBackend } from './books-backend.js';

const BACKEND_PORT = Number(process.env.BOOKS_BACKEND_PORT ?? 3100);

async function main(): Promise<void> {
  const backend = await startBooksBackend(BACKEND_PORT);
  const backendUrl = `http://127.0.0.1:${BACKEND_PORT}`;
  console.log(`books backend (GET /books is proxied here): ${backendUrl}`);
  serveExample({
    exampleDir: join(__dirname, '..'),
    context: { booksBackendUrl: backendUrl },
    onExit: () => backend.close(),
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
