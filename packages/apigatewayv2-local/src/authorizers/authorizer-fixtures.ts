import type { JwtAuthorizerModel, LambdaAuthorizerModel, ModelEnvironment } from '../model/index.js';
import type { HeaderList } from '../gateway/headers.js';
import type { AuthorizationRequest } from './authorization-types.js';

export const TEST_ENVIRONMENT: ModelEnvironment = { accountId: '123456789012', region: 'us-east-1', partition: 'aws', urlSuffix: 'amazonaws.com' };

export interface TestRequestOptions {
  readonly method?: string;
  readonly path?: string;
  readonly query?: string;
  readonly headers?: HeaderList;
  readonly body?: string;
  readonly context?: Readonly<Record<string, string>>;
  readonly stageVariables?: Readonly<Record<string, string>>;
  readonly resourceArn?: string;
  /** Records the authorizer events built for this request. */
  readonly events?: unknown[];
}

/** An `AuthorizationRequest` as the gateway would build it, from plain values. */
export function testRequest(options: TestRequestOptions = {}): AuthorizationRequest {
  const headers = options.headers ?? [];
  const query = new URLSearchParams(options.query ?? '');
  const path = options.path ?? '/pets';
  const method = options.method ?? 'GET';
  return {
    request: { method, path, rawQueryString: options.query ?? '', headers, body: Buffer.from(options.body ?? '') },
    identityFacts: {
      header: (name) => {
        const values = headers.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v);
        return values.length === 0 ? undefined : values.join(',');
      },
      queryParameter: (name) => query.get(name) ?? undefined,
      contextVariable: (name) => options.context?.[name],
      stageVariable: (name) => options.stageVariables?.[name],
    },
    resourceArn: options.resourceArn ?? `arn:aws:execute-api:us-east-1:123456789012:api1234567/$default/${method}${path}`,
    lambdaAuthorizerEvent: (version, identityValues) => {
      const event = { version, identityValues: [...identityValues] };
      options.events?.push(event);
      return event;
    },
  };
}

export function jwtAuthorizer(issuer: string, audience: readonly string[], identitySource: readonly string[] = []): JwtAuthorizerModel {
  return { kind: 'jwt', ref: { stackName: 'Stack', logicalId: 'JwtAuth' }, authorizerId: 'jwt123', name: 'JwtAuth', identitySource, issuer, audience };
}

export function lambdaAuthorizer(overrides: Partial<LambdaAuthorizerModel> = {}): LambdaAuthorizerModel {
  return {
    kind: 'lambda',
    ref: { stackName: 'Stack', logicalId: 'LambdaAuth' },
    authorizerId: 'lam123',
    name: 'LambdaAuth',
    identitySource: ['$request.header.Authorization'],
    functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:auth',
    payloadFormatVersion: '2.0',
    enableSimpleResponses: true,
    resultTtlSeconds: 0,
    ...overrides,
  };
}
