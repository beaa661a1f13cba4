import type { IntegrationModel, ResourceRef } from '../model/index.js';
import { isAwsServiceSubtype, lambdaArnFromUri } from '../template/read-integration.js';
import { isObject, pointerToken, stringMap, type Json, type Report } from './openapi-json.js';
import type { ReadOpenApiOptions } from './read-openapi.js';

/**
 * An operation's `x-amazon-apigateway-integration`, inline or a `$ref` to
 * `#/components/x-amazon-apigateway-integrations/{name}` (one integration shared by its routes).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration.html
 */
export function readOperationIntegration(
  operation: Json,
  pointer: string,
  shared: Json,
  options: ReadOpenApiOptions,
  report: Report,
  integrations: Map<string, IntegrationModel>,
): string | undefined {
  let value = operation['x-amazon-apigateway-integration'];
  let at = `${pointer}/x-amazon-apigateway-integration`;
  if (value === undefined) return undefined;
  if (isObject(value) && typeof value.$ref === 'string') {
    const match = /^#\/components\/x-amazon-apigateway-integrations\/(.+)$/.exec(value.$ref);
    const target = match?.[1] === undefined ? undefined : shared[match[1].replace(/~1/g, '/').replace(/~0/g, '~')];
    if (target === undefined) {
      report.error(`${at}/$ref`, `must name an integration of #/components/x-amazon-apigateway-integrations, got '${value.$ref}'`);
      return undefined;
    }
    at = value.$ref.slice(1);
    value = target;
  }
  const integrationId = options.idFor(at);
  if (integrations.has(integrationId)) return integrationId;
  const integration = readIntegrationObject(value, at, integrationId, options.ref, report);
  if (integration === undefined) return undefined;
  integrations.set(integrationId, integration);
  return integrationId;
}

/** The HTTP API default and maximum integration timeout (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html). */
const HTTP_INTEGRATION_TIMEOUT_MS = 30_000;

function readIntegrationObject(value: unknown, at: string, integrationId: string, ref: ResourceRef, report: Report): IntegrationModel | undefined {
  if (!isObject(value)) {
    report.error(at, 'must be an object');
    return undefined;
  }
  const timeout = value.timeoutInMillis;
  if (timeout !== undefined && (typeof timeout !== 'number' || timeout < 50 || timeout > HTTP_INTEGRATION_TIMEOUT_MS)) {
    report.error(`${at}/timeoutInMillis`, `must be a number from 50 to ${HTTP_INTEGRATION_TIMEOUT_MS}, got ${JSON.stringify(timeout)}`);
    return undefined;
  }
  const requestParameters = stringMap(value.requestParameters, `${at}/requestParameters`, report);
  const responseParameters: Record<string, Record<string, string>> = {};
  if (isObject(value.responseParameters)) {
    for (const [status, mapping] of Object.entries(value.responseParameters)) {
      responseParameters[status] = stringMap(mapping, `${at}/responseParameters/${pointerToken(status)}`, report);
    }
  }
  const base = { ref, integrationId, timeoutMs: typeof timeout === 'number' ? timeout : HTTP_INTEGRATION_TIMEOUT_MS, requestParameters, responseParameters };
  const type = typeof value.type === 'string' ? value.type.toLowerCase() : value.type;
  const uri = value.uri;
  if (type === 'aws_proxy') {
    const credentials = typeof value.credentials === 'string' ? { credentialsArn: value.credentials } : {};
    if (value.integrationSubtype !== undefined) {
      const subtype = value.integrationSubtype;
      if (typeof subtype === 'string' && isAwsServiceSubtype(subtype)) return { ...base, ...credentials, kind: 'aws-service', subtype };
      report.warning(`${at}/integrationSubtype`, `AWS service integrations (${JSON.stringify(subtype)}) are not emulated; requests to the route answer 500`);
      return undefined;
    }
    const functionArn = typeof uri === 'string' ? lambdaArnFromUri(uri) : undefined;
    if (functionArn === undefined) {
      report.error(`${at}/uri`, `an aws_proxy integration needs a Lambda function ARN or invocation URI, got ${JSON.stringify(uri)}`);
      return undefined;
    }
    const version = value.payloadFormatVersion;
    if (version !== undefined && version !== '1.0' && version !== '2.0') {
      report.error(`${at}/payloadFormatVersion`, `must be "1.0" or "2.0", got ${JSON.stringify(version)}`);
      return undefined;
    }
    if (version === undefined) report.info?.(`${at}/payloadFormatVersion`, "payloadFormatVersion is not set; using '1.0'");
    return { ...base, ...credentials, kind: 'lambda', functionArn, payloadFormatVersion: version === '2.0' ? '2.0' : '1.0' };
  }
  if (type === 'http_proxy') {
    if (typeof uri !== 'string') {
      report.error(`${at}/uri`, 'an http_proxy integration needs a uri');
      return undefined;
    }
    const connectionType = value.connectionType ?? 'INTERNET';
    if (connectionType !== 'INTERNET' && connectionType !== 'VPC_LINK') {
      report.error(`${at}/connectionType`, `must be INTERNET or VPC_LINK, got ${JSON.stringify(connectionType)}`);
      return undefined;
    }
    const tls = isObject(value.tlsConfig) ? value.tlsConfig.serverNameToVerify : undefined;
    return {
      ...base,
      kind: 'http-proxy',
      uri,
      method: typeof value.httpMethod === 'string' ? value.httpMethod.toUpperCase() : 'ANY',
      connectionType,
      ...(typeof value.connectionId === 'string' && { connectionId: value.connectionId }),
      ...(typeof tls === 'string' && { serverNameToVerify: tls }),
    };
  }
  report.error(`${at}/type`, `HTTP API integrations are of type aws_proxy or http_proxy, got ${JSON.stringify(value.type)}`);
  return undefined;
}
