import type { AwsServiceSubtype, IntegrationModel, ParameterMapping, ResourceRef } from '../model/index.js';
import { defaultIntegrationTimeoutMs, type ApiDraft } from './api-draft.js';
import { compileMappingTemplate } from '../websocket/mapping-template.js';
import type { PropertyReader } from './property-reader.js';
import type { PropertyRules } from './property-rules.js';

export const INTEGRATION_PROPERTIES: PropertyRules = {
  read: [
    'ApiId', 'IntegrationType', 'IntegrationUri', 'IntegrationMethod', 'IntegrationSubtype', 'PayloadFormatVersion', 'TimeoutInMillis',
    'RequestParameters', 'ResponseParameters', 'TlsConfig', 'ConnectionType', 'ConnectionId', 'CredentialsArn',
  ],
  // A description changes nothing; pass-through only matters with templates.
  ignored: ['Description', 'PassthroughBehavior'],
  unsupported: {
    RequestTemplates: 'request mapping templates are applied to WebSocket MOCK and HTTP integrations only; this integration receives the request unchanged',
    TemplateSelectionExpression: 'template selection applies to WebSocket MOCK and HTTP integrations only',
    ContentHandlingStrategy: 'content handling conversions (WebSocket) are not applied',
  },
};

/** A WebSocket MOCK or non-proxy HTTP integration: its request templates are rendered locally. */
const TEMPLATED_INTEGRATION_PROPERTIES: PropertyRules = {
  ...INTEGRATION_PROPERTIES,
  read: [...INTEGRATION_PROPERTIES.read, 'RequestTemplates', 'TemplateSelectionExpression'],
};

/** The property rules for one integration: templates are read where the local gateway renders them. */
export function integrationProperties(type: unknown, protocol: ApiDraft['protocol'] | undefined): PropertyRules {
  return protocol === 'WEBSOCKET' && (type === 'MOCK' || type === 'HTTP' || type === 'AWS') ? TEMPLATED_INTEGRATION_PROPERTIES : INTEGRATION_PROPERTIES;
}

/**
 * `arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations` → `{functionArn}`;
 * a plain Lambda ARN (possibly with `${stageVariables.x}` in it) is returned as is; anything else → undefined.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
export function lambdaArnFromUri(uri: string): string | undefined {
  const wrapped = /^arn:[^:]+:apigateway:[^:]*:lambda:path\/[^/]+\/functions\/(.+)\/invocations$/.exec(uri);
  const arn = wrapped ? wrapped[1] : uri;
  return /^arn:[^:]+:lambda:[^:]*:[^:]*:function:.+/.test(arn) ? arn : undefined;
}

/** The subtypes served (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html); AppConfig and Kinesis ones are reported. */
const AWS_SERVICE_SUBTYPES: ReadonlySet<string> = new Set<AwsServiceSubtype>([
  'SQS-SendMessage', 'SQS-ReceiveMessage', 'SQS-DeleteMessage', 'SQS-PurgeQueue', 'EventBridge-PutEvents',
  'StepFunctions-StartExecution', 'StepFunctions-StartSyncExecution', 'StepFunctions-StopExecution',
]);

export function isAwsServiceSubtype(subtype: string): subtype is AwsServiceSubtype {
  return AWS_SERVICE_SUBTYPES.has(subtype);
}

/** Reads an `AWS::ApiGatewayV2::Integration`. Unsupported integration types are reported and give undefined. */
export function readIntegration(reader: PropertyReader, api: ApiDraft, integrationId: string): IntegrationModel | undefined {
  const diagnostics = reader.scope.diagnostics;
  const type = reader.string('IntegrationType');
  const base = {
    ref: { stackName: reader.scope.stackName, logicalId: reader.logicalId } satisfies ResourceRef,
    integrationId,
    timeoutMs: readTimeout(reader, api),
    requestParameters: reader.stringMap('RequestParameters') ?? {},
    responseParameters: readResponseParameters(reader),
  };
  switch (type) {
    case 'AWS_PROXY': {
      if (reader.has('IntegrationSubtype')) {
        const subtype = reader.string('IntegrationSubtype');
        if (subtype === undefined || !isAwsServiceSubtype(subtype) || api.protocol !== 'HTTP') {
          diagnostics.warning('UNSUPPORTED_PROPERTY', reader.at('IntegrationSubtype'), `AWS service integration ${subtype ?? '?'} is not emulated; routes to this integration answer 500`);
          return undefined;
        }
        return { ...base, kind: 'aws-service', subtype, ...optionalCredentials(reader.string('CredentialsArn')) };
      }
      const uri = reader.string('IntegrationUri');
      const functionArn = uri === undefined ? undefined : lambdaArnFromUri(uri);
      if (functionArn === undefined) {
        if (uri !== undefined) diagnostics.warning('UNSUPPORTED_PROPERTY', reader.at('IntegrationUri'), `only Lambda function URIs are supported for AWS_PROXY, got '${uri}'`);
        return undefined;
      }
      return { ...base, kind: 'lambda', functionArn, payloadFormatVersion: payloadFormatVersion(reader, api), ...optionalCredentials(reader.string('CredentialsArn')) };
    }
    case 'HTTP_PROXY': {
      const uri = reader.string('IntegrationUri');
      if (uri === undefined) {
        diagnostics.error('INVALID_PROPERTY', reader.at('IntegrationUri'), 'HTTP_PROXY integration has no IntegrationUri');
        return undefined;
      }
      const connectionType = reader.string('ConnectionType') ?? 'INTERNET';
      if (connectionType !== 'INTERNET' && connectionType !== 'VPC_LINK') {
        reader.invalid('ConnectionType', "'INTERNET' or 'VPC_LINK'", connectionType);
        return undefined;
      }
      const connectionId = reader.string('ConnectionId');
      const serverNameToVerify = reader.object('TlsConfig')?.ServerNameToVerify;
      return {
        ...base,
        kind: 'http-proxy',
        uri,
        method: reader.string('IntegrationMethod') ?? 'ANY',
        connectionType,
        ...(connectionId !== undefined ? { connectionId } : {}),
        ...(typeof serverNameToVerify === 'string' ? { serverNameToVerify } : {}),
      };
    }
    case 'MOCK':
      return { ...base, ...readRequestTemplates(reader, api), kind: 'mock' };
    case 'HTTP':
      if (api.protocol === 'WEBSOCKET') return readWebSocketHttp(reader, api, base);
      diagnostics.warning('UNSUPPORTED_PROPERTY', reader.at('IntegrationType'), `non-proxy ${type} integrations (mapping templates) are not emulated; routes to this integration answer 500`);
      return undefined;
    case 'AWS':
      if (api.protocol === 'WEBSOCKET') return readWebSocketAwsService(reader, api, base);
      diagnostics.warning(
        'UNSUPPORTED_PROPERTY',
        reader.at('IntegrationType'),
        `AWS service integration ${reader.string('IntegrationUri') ?? '(no IntegrationUri)'} is not emulated (HTTP APIs take AWS_PROXY with IntegrationSubtype); routes to this integration answer 500`,
      );
      return undefined;
    default:
      diagnostics.error('INVALID_PROPERTY', reader.at('IntegrationType'), `IntegrationType must be AWS_PROXY, HTTP_PROXY, MOCK, AWS or HTTP, got ${JSON.stringify(type)}`);
      return undefined;
  }
}

/** A WebSocket non-proxy HTTP integration: forwarded like HTTP_PROXY, through its templates. */
function readWebSocketHttp(reader: PropertyReader, api: ApiDraft, base: Omit<IntegrationModel, 'kind'>): IntegrationModel | undefined {
  const uri = reader.string('IntegrationUri');
  if (uri === undefined) {
    reader.scope.diagnostics.error('INVALID_PROPERTY', reader.at('IntegrationUri'), 'HTTP integration has no IntegrationUri');
    return undefined;
  }
  return { ...base, ...readRequestTemplates(reader, api), kind: 'http-proxy', uri, method: reader.string('IntegrationMethod') ?? 'ANY', connectionType: 'INTERNET', templated: true };
}

/**
 * A WebSocket AWS service integration (`arn:aws:apigateway:{region}:{service}:path/{path}` or
 * `…:action/{Action}`): forwarded like an HTTP integration to the endpoint `--backend` gives for it; the
 * start-up report says so when none is given.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integration-requests.html
 */
function readWebSocketAwsService(reader: PropertyReader, api: ApiDraft, base: Omit<IntegrationModel, 'kind'>): IntegrationModel | undefined {
  const arn = reader.string('IntegrationUri') ?? '';
  const match = /^arn:[^:]+:apigateway:([^:]*):([^:]+):(path|action)\/(.*)$/.exec(arn);
  if (!match) {
    reader.invalid('IntegrationUri', "'arn:aws:apigateway:{region}:{service}:path/…' or '…:action/{Action}'", arn);
    return undefined;
  }
  const [, region, service, form, rest] = match;
  const host = `https://${service}.${region || 'us-east-1'}.amazonaws.com`;
  const uri = form === 'path' ? `${host}/${rest}` : `${host}/?Action=${encodeURIComponent(rest)}`;
  return { ...base, ...readRequestTemplates(reader, api), kind: 'http-proxy', uri, method: reader.string('IntegrationMethod') ?? 'POST', connectionType: 'INTERNET', templated: true, awsService: service };
}

/**
 * `RequestTemplates` and `TemplateSelectionExpression` of a WebSocket MOCK or HTTP integration; what a
 * template uses that the local gateway does not render is reported by template key.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-data-transformations.html
 */
export function readRequestTemplates(reader: PropertyReader, api: ApiDraft): Pick<IntegrationModel, 'requestTemplates' | 'templateSelectionExpression'> {
  if (api.protocol !== 'WEBSOCKET') return {};
  const requestTemplates = readTemplates(reader, 'RequestTemplates');
  const templateSelectionExpression = reader.string('TemplateSelectionExpression');
  return {
    ...(requestTemplates !== undefined && { requestTemplates }),
    ...(templateSelectionExpression !== undefined && { templateSelectionExpression }),
  };
}

/** A map of mapping templates, each checked for what it uses that is not rendered locally. */
export function readTemplates(reader: PropertyReader, property: string): Record<string, string> | undefined {
  const templates = reader.stringMap(property);
  for (const [key, template] of Object.entries(templates ?? {})) {
    const { unsupported } = compileMappingTemplate(template);
    if (unsupported.length > 0) {
      reader.scope.diagnostics.warning(
        'UNSUPPORTED_PROPERTY',
        reader.at(`${property}.${key}`),
        `mapping template uses ${[...new Set(unsupported)].join(', ')}, which the local gateway does not render (only $context.*, $stageVariables.*, $input.body, $input.json and $input.path); it is sent as written`,
      );
    }
  }
  return templates;
}

/**
 * `TimeoutInMillis`: 50 ms up to the protocol's default maximum; out of range → default.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html
 */
function readTimeout(reader: PropertyReader, api: ApiDraft): number {
  const max = defaultIntegrationTimeoutMs(api.protocol);
  const value = reader.number('TimeoutInMillis');
  if (value === undefined) return max;
  if (!Number.isInteger(value) || value < 50 || value > max) {
    reader.invalid('TimeoutInMillis', `an integer from 50 to ${max}`, value);
    return max;
  }
  return value;
}

/** HTTP APIs require the property (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html); when a hand-written template omits it, API Gateway uses 1.0. */
function payloadFormatVersion(reader: PropertyReader, api: ApiDraft): '1.0' | '2.0' {
  const version = reader.string('PayloadFormatVersion');
  if (version === '1.0' || version === '2.0') return version;
  if (version !== undefined) reader.invalid('PayloadFormatVersion', "'1.0' or '2.0'", version);
  else if (api.protocol === 'HTTP') {
    reader.scope.diagnostics.info('ASSUMED_DEFAULT', reader.at('PayloadFormatVersion'), "PayloadFormatVersion is not set; using '1.0'");
  }
  return '1.0';
}

/**
 * `ResponseParameters` is keyed by status code. CloudFormation documents each value as
 * `{ ResponseParameters: [{ Destination, Source }] }`; aws-cdk-lib writes a plain `{ destination: source }`
 * map. Both forms are read.
 */
function readResponseParameters(reader: PropertyReader): Record<string, ParameterMapping> {
  const raw = reader.object('ResponseParameters');
  const out: Record<string, ParameterMapping> = {};
  for (const [statusCode, value] of Object.entries(raw ?? {})) {
    const list = (value as { ResponseParameters?: unknown } | null)?.ResponseParameters;
    if (Array.isArray(list)) {
      const mapping: Record<string, string> = {};
      for (const item of list as { Destination?: unknown; Source?: unknown }[]) {
        if (typeof item?.Destination === 'string' && typeof item.Source === 'string') mapping[item.Destination] = item.Source;
        else reader.invalid(`ResponseParameters.${statusCode}`, '{ Destination, Source } strings', item);
      }
      out[statusCode] = mapping;
    } else {
      const mapping = reader.stringMapFrom(`ResponseParameters.${statusCode}`, value);
      if (mapping) out[statusCode] = mapping;
    }
  }
  return out;
}

/** `credentialsArn` when the resource names a role API Gateway invokes the function as. */
export function optionalCredentials(credentialsArn: string | undefined): { readonly credentialsArn?: string } {
  return credentialsArn === undefined ? {} : { credentialsArn };
}
