// `npm start` (after the build): runs the local books backend and a local JWT issuer, synthesizes the app with
// GET /books pointed at the backend, and serves the cloud assembly with `apigw-local` until Ctrl-C, with the
// issuer's public key standing in for its OpenID discovery (`--jwks`). Prints curl commands that show the
// admin route's access control: no token, a token without the admin scope, and a librarian's token.
import { join } from 'node:path';
import { LocalIssuer } from '../../support/local-issuer.js';
import { gatewayPort, serveExample } from '../../support/serve-example.js';
import { DEFAULT_ADMIN_SCOPE, DEFAULT_JWT_AUDIENCE, DEFAULT_JWT_ISSUER } from '../lib/books-api-stack.js';
import { startBooksBackend } from './books-backend.js';

const BACKEND_PORT = Number(process.env.BOOKS_BACKEND_PORT ?? 3100);

/** The tokens `npm start` prints, by the shell variable it exports them as. */
const TOKENS = {
  READER_TOKEN: { subject: 'reader', scope: 'books:read' },
  LIBRARIAN_TOKEN: { subject: 'librarian', scope: DEFAULT_ADMIN_SCOPE },
};

async function main(): Promise<void> {
  const backend = await startBooksBackend(BACKEND_PORT);
  const backendUrl = `http://127.0.0.1:${BACKEND_PORT}`;
  console.log(`books backend (GET /books is proxied here): ${backendUrl}`);

  const issuer = await LocalIssuer.create({ issuer: DEFAULT_JWT_ISSUER, audience: DEFAULT_JWT_AUDIENCE });
  const jwksFile = issuer.writeJwksFile();
  const adminBooks = `http://127.0.0.1:${gatewayPort()}/admin/books`;
  console.log([
    `local JWT issuer ${issuer.issuer}: a key pair made for this run; apigw-local checks tokens with its public key (--jwks).`,
    `DELETE /admin/books empties the catalogue: no token → 401, a reader's token (scope books:read) → 403,`,
    `a librarian's token (scope ${DEFAULT_ADMIN_SCOPE}) → 200. Tokens are valid for an hour; paste:`,
    '',
    ...await Promise.all(Object.entries(TOKENS).map(async ([name, claims]) => `export ${name}='${await issuer.mintToken(claims)}'`)),
    `curl -i -X DELETE ${adminBooks}`,
    ...Object.keys(TOKENS).map((name) => `curl -i -X DELETE ${adminBooks} -H "authorization: Bearer $${name}"`),
    '',
  ].join('\n'));

  serveExample({
    exampleDir: join(__dirname, '..'),
    context: { booksBackendUrl: backendUrl },
    gatewayArgs: ['--jwks', `${issuer.issuer}=${jwksFile.path}`],
    onExit: () => {
      backend.close();
      jwksFile.remove();
    },
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
