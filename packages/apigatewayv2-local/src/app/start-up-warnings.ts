import { notEmulated, type StartUpWarning } from '../gateway/not-emulated.js';
import { accessLogWarnings } from '../http/access-log.js';
import { serviceOfSubtype } from '../http/aws-service-actions.js';
import { findBackend } from '../http/upstream-target.js';
import type { ApiModel, FunctionModel, GatewayModel } from '../model/index.js';
import { notEmulatedOnWebSocket } from '../websocket/not-emulated.js';
import { invokePermissionWarnings } from './invoke-permissions.js';

export interface StartUpWarningsOptions {
  /** Why a function cannot run locally, or undefined when it can. */
  readonly cannotRun: (fn: FunctionModel) => string | undefined;
  /** `--backend` URLs, looked up as the HTTP core looks them up (`findBackend`). */
  readonly backends: ReadonlyMap<string, string>;
  /** `--service-endpoint` URLs by service. */
  readonly serviceEndpoints?: ReadonlyMap<string, string>;
  /** Whether `AWS_IAM` routes have local credentials to accept. */
  readonly iamCredentialsSet: boolean;
  /** The custom domain port; undefined when custom domains are not served. */
  readonly domainPort?: number;
}

/**
 * Everything about a model the start-up report warns of: what this machine cannot do (functions it cannot
 * run, private integrations without `--backend`, `AWS_IAM` without credentials, custom domains) and what
 * the protocols do not emulate (supplied by gateway/ and websocket/).
 */
export function startUpWarnings(model: GatewayModel, options: StartUpWarningsOptions): StartUpWarning[] {
  const warnings: StartUpWarning[] = options.iamCredentialsSet ? [] : model.apis.flatMap(iamWithoutCredentials);
  warnings.push(...invokePermissionWarnings(model));
  for (const fn of model.functions) {
    const reason = options.cannotRun(fn);
    if (reason !== undefined) {
      warnings.push({ ...fn.ref, message: `function ${fn.functionName}: ${reason}; its routes answer 500` });
    }
  }
  for (const api of model.apis) {
    warnings.push(
      ...privateWithoutBackend(api, options.backends),
      ...serviceWithoutEndpoint(api, options.serviceEndpoints ?? new Map()),
      ...notEmulated(api),
      ...accessLogWarnings(api),
    );
    if (api.protocol === 'WEBSOCKET') warnings.push(...notEmulatedOnWebSocket(api));
  }
  // Served on the custom domain port when there is one (the start-up table lists them there).
  for (const domain of options.domainPort === undefined ? (model.domains ?? []) : []) {
    const mappings = domain.mappings.map((mapping) => `/${mapping.apiMappingKey} → ${mapping.apiId} stage ${mapping.stage}`);
    warnings.push({
      ...domain.ref,
      message: `custom domain ${domain.domainName} is not served (${mappings.join(', ') || 'no API mappings'}); start with --domain-port <n> to serve it by Host header, or call each API on its own URL`,
    });
  }
  return warnings;
}

function privateWithoutBackend(api: ApiModel, backends: ReadonlyMap<string, string>): StartUpWarning[] {
  return [...api.integrations.values()].flatMap((integration): StartUpWarning[] => {
    if (integration.kind !== 'http-proxy' || findBackend(integration, backends) !== undefined) return [];
    if (integration.awsService !== undefined) {
      const message =
        `AWS service integration ${integration.uri} (${integration.awsService}) is not emulated: clients of its routes get an error; ` +
        `give it a local endpoint with --backend ${integration.ref.logicalId}=<url>`;
      return [{ ...integration.ref, message }];
    }
    if (integration.connectionType !== 'VPC_LINK') return [];
    const message =
      `private integration to ${integration.uri} has no backend; its routes answer as AWS does for an ` +
      `unreachable target (pass --backend ${integration.ref.logicalId}=<url>)`;
    return [{ ...integration.ref, message }];
  });
}

/** AWS service integrations whose service has no `--service-endpoint`: answered as an unreachable target. */
function serviceWithoutEndpoint(api: ApiModel, endpoints: ReadonlyMap<string, string>): StartUpWarning[] {
  return [...api.integrations.values()].flatMap((integration) => {
    if (integration.kind !== 'aws-service') return [];
    const service = serviceOfSubtype(integration.subtype);
    if (endpoints.has(service)) return [];
    return [
      {
        ...integration.ref,
        message:
          `${integration.subtype} integration has no endpoint to call; its routes answer as AWS does for an unreachable ` +
          `target (pass --service-endpoint ${service}=<url>, e.g. a local emulator)`,
      },
    ];
  });
}

/**
 * `AWS_IAM` routes (HTTP routes, a WebSocket `$connect`) when no local credentials are set: every call is
 * refused as AWS refuses a request signed with unknown keys, so say so, and how to set them.
 */
function iamWithoutCredentials(api: ApiModel): StartUpWarning[] {
  const routes = api.routes.filter((route) => route.authorizationType === 'AWS_IAM' && (api.protocol === 'HTTP' || route.routeKey === '$connect'));
  if (routes.length === 0) return [];
  return [
    {
      ...api.ref,
      message:
        `AWS_IAM on ${routes.map((route) => route.routeKey).join(', ')} and no local credentials: every call to ${routes.length === 1 ? 'it' : 'them'} ` +
        "is refused (403); set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the gateway's environment (or the iamCredentials option) and sign with them",
    },
  ];
}
