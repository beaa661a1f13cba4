// The gateway's HTTP side without Lambda environments: `node --import tsx bench/in-memory-gateway.ts <template>`
// serves the template's first HTTP API with the same listener and HTTP core as `apigw-local`, but every
// function answers in-process with the hello result (no process, no serialization, no pipe). The gateway
// bench runs it as a third server so that each run shows what the environments' process boundary costs.
// Prints its URL when listening.
import { createRouteAuthorizer } from '../packages/apigatewayv2-local/dist/authorizers/route-authorizer.js';
import { IssuerKeyStore } from '../packages/apigatewayv2-local/dist/authorizers/issuer-keys.js';
import { newApigwRequestId, newLambdaRequestId } from '../packages/apigatewayv2-local/dist/gateway/request-ids.js';
import { gatewayError, handleHttpRequest, type HttpHandlerDeps } from '../packages/apigatewayv2-local/dist/http/index.js';
import { readGatewayModel } from '../packages/apigatewayv2-local/dist/index.js';
import { listenHttp } from '../packages/apigatewayv2-local/dist/server/listen-http.js';

const HELLO_RESULT = JSON.stringify({ statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'Hello from Lambda!' });

async function main(): Promise<void> {
  const templatePath = process.argv[2];
  if (templatePath === undefined) throw new Error('usage: in-memory-gateway.ts <template>');
  const model = await readGatewayModel({ template: templatePath });
  const api = model.apis.find((each) => each.protocol === 'HTTP');
  if (api === undefined) throw new Error(`no HTTP API in ${templatePath}`);
  const services = {
    invoker: { invoke: () => Promise.resolve({ kind: 'success' as const, payload: HELLO_RESULT }), close: () => Promise.resolve() },
    resolveFunction: (arn: string) => model.functions.find((fn) => arn.startsWith(fn.arn)),
    now: Date.now,
    newRequestId: newApigwRequestId,
    newLambdaRequestId,
    environment: model.environment,
  };
  const deps: HttpHandlerDeps = {
    ...services,
    forward: () => Promise.resolve({ kind: 'failed', message: 'no upstream in this bench' }),
    callAwsService: () => Promise.reject(new Error('no AWS service integration in this bench')),
    backends: new Map(),
    authorizeRoute: createRouteAuthorizer({ services, issuerKeys: new IssuerKeyStore(), credentials: new Map() }),
  };
  const listener = await listenHttp({
    host: '127.0.0.1',
    port: 0,
    maxBodyBytes: 10 * 1024 * 1024,
    handle: (request) => handleHttpRequest(api, request, deps),
    failed: (request) => ({
      ...gatewayError(500, 'bench'),
      log: { requestId: 'bench', method: request.method, path: request.path, status: 500, durationMs: 0 },
    }),
  });
  console.log(`http://127.0.0.1:${listener.port}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
