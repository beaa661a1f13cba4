// `npm start` (after the build): synthesizes the app and serves it with `apigw-local`, which runs the Python
// handler on this machine's python3.
import { join } from 'node:path';
import { serveExample } from '../../support/serve-example.js';

serveExample({ exampleDir: join(__dirname, '..') });
