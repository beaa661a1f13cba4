// `npm start` (after the build): serves the API-first pets API with `apigw-local` until Ctrl-C. The routes come
// from openapi/pets.json (the Body of the API); edit the document or the handler and the gateway serves it.
import { join } from 'node:path';
import { gatewayPort, serveExample } from '../../support/serve-example.js';

const url = `http://127.0.0.1:${gatewayPort()}`;
console.log([`curl ${url}/pets`, `curl ${url}/pets/1`, `curl -i -X POST ${url}/pets -d '{"name":"Tom"}'   # 401: createPet needs a JWT`, ''].join('\n'));
serveExample({ exampleDir: join(__dirname, '..') });
