import type { AuthorizationType, AuthorizerModel } from '../model/index.js';
import { DEFAULT_HTTP_AUTHORIZER_TTL_SECONDS } from '../template/read-authorizer.js';
import { lambdaArnFromUri } from '../template/read-integration.js';
import { isObject, pointerToken, type Json, type Report } from './openapi-json.js';
import type { ReadOpenApiOptions } from './read-openapi.js';

/** Reading a document's security: `components.securitySchemes` into authorizers, an operation's `security` into its authorization. */

/** How a security scheme authorizes: its authorizer, or IAM. */
export type Scheme = { readonly type: 'JWT' | 'CUSTOM'; readonly authorizerId: string } | { readonly type: 'AWS_IAM' } | { readonly type: 'unusable'; readonly why: string };

/** `components.securitySchemes` with `x-amazon-apigateway-authorizer` (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html). */
export function readSecuritySchemes(components: Json, options: ReadOpenApiOptions, report: Report, authorizers: Map<string, AuthorizerModel>): Map<string, Scheme> {
  const schemes = new Map<string, Scheme>();
  const declared = components.securitySchemes;
  if (declared === undefined) return schemes;
  if (!isObject(declared)) {
    report.error('/components/securitySchemes', 'must be an object of security schemes');
    return schemes;
  }
  for (const [name, scheme] of Object.entries(declared)) {
    const pointer = `/components/securitySchemes/${pointerToken(name)}`;
    if (!isObject(scheme)) {
      report.error(pointer, 'a security scheme must be an object');
      continue;
    }
    if (scheme['x-amazon-apigateway-authtype'] === 'awsSigv4') {
      schemes.set(name, { type: 'AWS_IAM' });
      continue;
    }
    const extension = scheme['x-amazon-apigateway-authorizer'];
    if (!isObject(extension)) {
      schemes.set(name, { type: 'unusable', why: `security scheme ${name} has no x-amazon-apigateway-authorizer` });
      continue;
    }
    const at = `${pointer}/x-amazon-apigateway-authorizer`;
    const authorizerId = options.idFor(pointer);
    const ref = options.ref;
    const identitySource = identitySources(extension.identitySource, `${at}/identitySource`, report);
    const type = typeof extension.type === 'string' ? extension.type.toLowerCase() : extension.type;
    if (type === 'jwt') {
      const jwt = isObject(extension.jwtConfiguration) ? extension.jwtConfiguration : {};
      if (typeof jwt.issuer !== 'string') {
        report.error(`${at}/jwtConfiguration/issuer`, 'a JWT authorizer needs an issuer (a URL)');
        continue;
      }
      const audience = Array.isArray(jwt.audience) ? jwt.audience.filter((a): a is string => typeof a === 'string') : [];
      authorizers.set(authorizerId, { kind: 'jwt', ref, authorizerId, name, identitySource, issuer: jwt.issuer, audience });
      schemes.set(name, { type: 'JWT', authorizerId });
    } else if (type === 'request') {
      const uri = extension.authorizerUri;
      const functionArn = typeof uri === 'string' ? lambdaArnFromUri(uri) : undefined;
      if (functionArn === undefined) {
        report.error(`${at}/authorizerUri`, `a Lambda (request) authorizer needs a Lambda function URI, got ${JSON.stringify(uri)}`);
        continue;
      }
      const version = extension.authorizerPayloadFormatVersion;
      if (version !== undefined && version !== '1.0' && version !== '2.0') {
        report.error(`${at}/authorizerPayloadFormatVersion`, `must be "1.0" or "2.0", got ${JSON.stringify(version)}`);
        continue;
      }
      const ttl = extension.authorizerResultTtlInSeconds;
      authorizers.set(authorizerId, {
        kind: 'lambda',
        ref,
        authorizerId,
        name,
        identitySource,
        functionArn,
        payloadFormatVersion: version === '2.0' ? '2.0' : '1.0',
        enableSimpleResponses: extension.enableSimpleResponses === true,
        resultTtlSeconds: typeof ttl === 'number' ? ttl : DEFAULT_HTTP_AUTHORIZER_TTL_SECONDS,
      });
      schemes.set(name, { type: 'CUSTOM', authorizerId });
    } else {
      report.error(`${at}/type`, `HTTP API authorizers are of type jwt or request, got ${JSON.stringify(extension.type)}`);
    }
  }
  return schemes;
}

function identitySources(value: unknown, pointer: string, report: Report): string[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return value.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
  report.error(pointer, 'must be a string of comma-separated expressions or a list of them');
  return [];
}

/** A route's `security`: the first requirement's scheme (AWS applies one authorizer per route). */
export function readSecurity(value: unknown, pointer: string, schemes: ReadonlyMap<string, Scheme>, report: Report): { type: AuthorizationType; authorizerId?: string; scopes: string[] } {
  const none = { type: 'NONE' as const, scopes: [] };
  if (value === undefined) return none;
  if (!Array.isArray(value)) {
    report.error(pointer, 'must be a list of security requirements');
    return none;
  }
  const requirements = value.filter((entry) => isObject(entry) && Object.keys(entry).length > 0) as Json[];
  if (requirements.length === 0) return none;
  if (requirements.length > 1 || Object.keys(requirements[0] ?? {}).length > 1) report.warning(pointer, 'an HTTP API route has one authorizer; the first requirement is applied');
  const [name, scopes] = Object.entries(requirements[0] ?? {})[0] ?? [];
  if (name === undefined) return none;
  const scheme = schemes.get(name);
  if (scheme === undefined) {
    report.error(`${pointer}/0/${pointerToken(name)}`, `names security scheme '${name}', which components.securitySchemes does not declare`);
    return none;
  }
  if (scheme.type === 'unusable') {
    report.error(`${pointer}/0/${pointerToken(name)}`, `${scheme.why}, so API Gateway cannot authorize with it`);
    return none;
  }
  const scopeList = Array.isArray(scopes) ? scopes.filter((scope): scope is string => typeof scope === 'string') : [];
  if (scheme.type === 'AWS_IAM') return { type: 'AWS_IAM', scopes: [] };
  return { type: scheme.type, authorizerId: scheme.authorizerId, scopes: scheme.type === 'JWT' ? scopeList : [] };
}
