import { parseIdentitySources } from '../authorizers/identity-source.js';

import type { AuthorizerModel } from '../model/index.js';
import type { ApiDraft } from './api-draft.js';
import type { PropertyReader } from './property-reader.js';
import type { PropertyRules } from './property-rules.js';
import { lambdaArnFromUri, optionalCredentials } from './read-integration.js';

export const AUTHORIZER_PROPERTIES: PropertyRules = {
  read: [
    'ApiId', 'AuthorizerType', 'Name', 'IdentitySource', 'JwtConfiguration', 'AuthorizerUri', 'AuthorizerPayloadFormatVersion',
    'EnableSimpleResponses', 'AuthorizerResultTtlInSeconds',
    // Read for the invoke-permission check: with a role, API Gateway invokes as that role, not by the
    // function's resource policy (the role's own policies are not evaluated locally).
    'AuthorizerCredentialsArn',
  ],
  ignored: [],
  unsupported: {
    IdentityValidationExpression: 'identity validation expressions (a REST API feature) are not applied',
  },
};

/**
 * The older CloudFormation reference and the CDK both default the cache TTL to 300 s:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-authorizer.html
 */
export const DEFAULT_HTTP_AUTHORIZER_TTL_SECONDS = 300;

/** Reads an `AWS::ApiGatewayV2::Authorizer` (JWT or Lambda REQUEST). */
export function readAuthorizer(reader: PropertyReader, api: ApiDraft, authorizerId: string): AuthorizerModel | undefined {
  const diagnostics = reader.scope.diagnostics;
  const ref = { stackName: reader.scope.stackName, logicalId: reader.logicalId };
  const name = reader.string('Name') ?? reader.logicalId;
  const identitySource = reader.stringList('IdentitySource') ?? [];
  for (const expression of parseIdentitySources(identitySource).invalid) {
    diagnostics.error(
      'INVALID_PROPERTY',
      reader.at('IdentitySource'),
      `identity source '${expression}' is not one API Gateway accepts ($request.header.X, $request.querystring.X, $context.X, $stageVariables.X); routes using this authorizer answer 500`,
    );
  }
  const type = reader.string('AuthorizerType');
  if (type === 'JWT') {
    const jwt = reader.object('JwtConfiguration') ?? {};
    const issuer = jwt.Issuer;
    if (typeof issuer !== 'string') {
      diagnostics.error('INVALID_PROPERTY', reader.at('JwtConfiguration.Issuer'), 'JWT authorizer has no Issuer; routes using it answer 401');
      return undefined;
    }
    const audience = Array.isArray(jwt.Audience) ? jwt.Audience.filter((a): a is string => typeof a === 'string') : [];
    return { kind: 'jwt', ref, authorizerId, name, identitySource, issuer, audience };
  }
  if (type === 'REQUEST') {
    const uri = reader.string('AuthorizerUri');
    const functionArn = uri === undefined ? undefined : lambdaArnFromUri(uri);
    if (functionArn === undefined) {
      diagnostics.error('INVALID_PROPERTY', reader.at('AuthorizerUri'), `Lambda authorizer needs a Lambda function URI, got ${JSON.stringify(uri)}`);
      return undefined;
    }
    const version = reader.string('AuthorizerPayloadFormatVersion');
    const payloadFormatVersion = version === '2.0' ? '2.0' : '1.0';
    if (version !== undefined && version !== '1.0' && version !== '2.0') reader.invalid('AuthorizerPayloadFormatVersion', "'1.0' or '2.0'", version);
    const ttl = reader.number('AuthorizerResultTtlInSeconds');
    // WebSocket authorizers are not cached: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html
    const resultTtlSeconds = api.protocol === 'WEBSOCKET' ? 0 : (ttl ?? DEFAULT_HTTP_AUTHORIZER_TTL_SECONDS);
    if (api.protocol === 'WEBSOCKET' && ttl !== undefined && ttl > 0) {
      diagnostics.info('UNSUPPORTED_PROPERTY', reader.at('AuthorizerResultTtlInSeconds'), 'WebSocket authorizer results are not cached');
    }
    return {
      kind: 'lambda',
      ref,
      authorizerId,
      name,
      identitySource,
      functionArn,
      payloadFormatVersion,
      enableSimpleResponses: reader.boolean('EnableSimpleResponses') ?? false,
      resultTtlSeconds,
      ...optionalCredentials(reader.string('AuthorizerCredentialsArn')),
    };
  }
  diagnostics.error('INVALID_PROPERTY', reader.at('AuthorizerType'), `AuthorizerType must be JWT or REQUEST, got ${JSON.stringify(type)}; routes using it answer 500`);
  return undefined;
}
