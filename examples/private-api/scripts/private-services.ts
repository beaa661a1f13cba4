import { createServer, type Server } from 'node:http';

/** One of the example's private services, and the integration that reaches it. */
export interface PrivateService {
  /** The service's name, also the first segment of its routes (`/orders/...`). */
  readonly name: 'orders' | 'stock' | 'users';
  /** What API Gateway reaches it through when deployed. */
  readonly via: 'an Application Load Balancer' | 'a Network Load Balancer' | 'Cloud Map service discovery';
  /**
   * The logical id of its `AWS::ApiGatewayV2::Integration`, the key `--backend` takes. As in @aws-cdk 1.123,
   * it names the first route that binds the integration and a hash of the integration's configuration, so
   * it stays the same as long as `lib/private-api-stack.ts` does
   * (`apigw-local` prints the ids of private integrations that have no backend at start-up).
   */
  readonly integrationLogicalId: string;
}

export const PRIVATE_SERVICES: readonly PrivateService[] = [
  { name: 'orders', via: 'an Application Load Balancer', integrationLogicalId: 'PrivateApiANYordersproxyHttpIntegratione00303fcf2c4365656a9d00fafe73cb36F67EEF7' },
  { name: 'stock', via: 'a Network Load Balancer', integrationLogicalId: 'PrivateApiGETstockproxyHttpIntegration860ee81052cf49835bab682924eafbcd77FE8DF1' },
  { name: 'users', via: 'Cloud Map service discovery', integrationLogicalId: 'PrivateApiANYusersproxyHttpIntegration271a00f946fe22595d04a4f89dbf2656A11EC932' },
];

/** What a local stand-in for a private service answers: who it is and the request it received. */
export interface ServiceReply {
  readonly service: PrivateService['name'];
  readonly method: string;
  /** The path and query string as the service received them. */
  readonly url: string;
  /** The request body, as text ('' when there is none). */
  readonly body: string;
  /** The `Forwarded` header API Gateway added, if any. */
  readonly forwarded: string | null;
}

/**
 * A stand-in for the container behind a load balancer or Cloud Map service: answers every request with a
 * `ServiceReply` describing it, so `npm start` and the tests show which service a route reached and what
 * path it was given.
 */
export function startPrivateService(service: PrivateService, port: number, host = '127.0.0.1'): Promise<Server> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const reply: ServiceReply = {
        service: service.name,
        method: request.method ?? '',
        url: request.url ?? '',
        body: Buffer.concat(chunks).toString('utf8'),
        forwarded: request.headers.forwarded ?? null,
      };
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(reply));
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
