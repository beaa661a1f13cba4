import type { AccessLogModel, RouteSettingsModel, StageModel } from '../model/index.js';
import type { PropertyReader } from './property-reader.js';
import type { PropertyRules } from './property-rules.js';

export const STAGE_PROPERTIES: PropertyRules = {
  read: ['ApiId', 'StageName', 'AutoDeploy', 'StageVariables', 'DefaultRouteSettings', 'RouteSettings', 'AccessLogSettings'],
  // Descriptions, tags and deployments do not change how requests are answered locally; every
  // stage serves the template's current configuration (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-stages.html).
  ignored: ['AccessPolicyId', 'ClientCertificateId', 'DeploymentId', 'Description', 'Tags'],
};

/** Route setting keys with no local effect (metrics, logging). */
const IGNORED_ROUTE_SETTINGS = new Set(['DetailedMetricsEnabled', 'DataTraceEnabled', 'LoggingLevel']);

/** Reads an `AWS::ApiGatewayV2::Stage`. */
export function readStage(reader: PropertyReader): StageModel | undefined {
  const name = reader.string('StageName');
  if (name === undefined) {
    reader.scope.diagnostics.error('INVALID_PROPERTY', reader.at('StageName'), 'stage has no StageName; it is not served');
    return undefined;
  }
  const defaults = readRouteSettings(reader, 'DefaultRouteSettings', reader.object('DefaultRouteSettings'));
  const routeSettings: Record<string, RouteSettingsModel> = {};
  for (const [routeKey, settings] of Object.entries(reader.object('RouteSettings') ?? {})) {
    const parsed = readRouteSettings(reader, `RouteSettings.${routeKey}`, settings);
    if (parsed) routeSettings[routeKey] = parsed;
  }
  const accessLog = readAccessLog(reader);
  return {
    ref: { stackName: reader.scope.stackName, logicalId: reader.logicalId },
    name,
    autoDeploy: reader.boolean('AutoDeploy') ?? false,
    stageVariables: reader.stringMap('StageVariables') ?? {},
    ...(defaults ? { defaultRouteSettings: defaults } : {}),
    routeSettings,
    ...(accessLog ? { accessLog } : {}),
  };
}

/**
 * `AccessLogSettings` `{ DestinationArn, Format }`: without a format nothing is logged
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html).
 */
function readAccessLog(reader: PropertyReader): AccessLogModel | undefined {
  const settings = reader.object('AccessLogSettings');
  if (settings === undefined) return undefined;
  for (const key of Object.keys(settings)) {
    if (key !== 'DestinationArn' && key !== 'Format') {
      reader.scope.diagnostics.warning('UNSUPPORTED_PROPERTY', reader.at(`AccessLogSettings.${key}`), `access log setting ${key} is not known to the local gateway and has no effect`);
    }
  }
  const format = settings.Format;
  if (format === undefined) return undefined;
  if (typeof format !== 'string') return reader.invalid('AccessLogSettings.Format', 'a string', format);
  const destination = settings.DestinationArn;
  return { format, ...(typeof destination === 'string' ? { destinationArn: destination } : {}) };
}

function readRouteSettings(reader: PropertyReader, property: string, raw: unknown): RouteSettingsModel | undefined {
  if (raw === undefined) return undefined;
  if (raw === null || typeof raw !== 'object') return reader.invalid(property, 'an object', raw);
  const settings = raw as Record<string, unknown>;
  for (const key of Object.keys(settings)) {
    if (key !== 'ThrottlingBurstLimit' && key !== 'ThrottlingRateLimit' && !IGNORED_ROUTE_SETTINGS.has(key)) {
      reader.scope.diagnostics.warning('UNSUPPORTED_PROPERTY', reader.at(`${property}.${key}`), `route setting ${key} is not known to the local gateway and has no effect`);
    }
  }
  const burst = reader.numberFrom(`${property}.ThrottlingBurstLimit`, settings.ThrottlingBurstLimit);
  const rate = reader.numberFrom(`${property}.ThrottlingRateLimit`, settings.ThrottlingRateLimit);
  return { ...(burst !== undefined ? { throttlingBurstLimit: burst } : {}), ...(rate !== undefined ? { throttlingRateLimit: rate } : {}) };
}
