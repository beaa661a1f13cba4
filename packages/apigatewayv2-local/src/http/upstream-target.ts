import type { HttpProxyIntegrationModel } from '../model/index.js';
import type { RoutedRequest } from './routed-request.js';
import { substituteStageVariables } from '../gateway/stage-variables.js';

/** The backend URL for one request, or why none could be built. */
export type UpstreamTarget = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly error: string };

/**
 * The `--backend` URL for an integration: by its logical id, its integration id, then for private
 * integrations its `IntegrationUri` (listener/service ARN) and its `ConnectionId` (VPC link id).
 */
export function findBackend(integration: HttpProxyIntegrationModel, backends: ReadonlyMap<string, string>): string | undefined {
  const keys = [integration.ref.logicalId, integration.integrationId];
  if (integration.connectionType === 'VPC_LINK') keys.push(integration.uri, integration.connectionId ?? '');
  for (const key of keys) {
    const url = key === '' ? undefined : backends.get(key);
    if (url !== undefined) return url;
  }
  return undefined;
}

function joinPath(base: string, path: string): string {
  return base.endsWith('/') ? base + path.replace(/^\//, '') : base + path;
}

function withQuery(url: string, rawQueryString: string): string {
  if (rawQueryString === '') return url;
  return url + (url.includes('?') ? '&' : '?') + rawQueryString;
}

/**
 * Builds the URL an HTTP proxy request goes to (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-http.html):
 * - `$default` route: the routing path (stage stripped) is appended to the URI's path (1.8);
 * - other routes: `{name}` placeholders in the URI take the path parameters as received (still encoded),
 *   greedy ones referenced as `{proxy}`; a URI without placeholders is used as it is (unconfirmed);
 * - stage variables in the URI are resolved for the serving stage;
 * - the client's query string is appended to any query the URI has;
 * - `--backend` for an internet integration replaces the URI's scheme, host and port (and prefixes a
 *   base path it has); a private integration (`VPC_LINK`) is served only through `--backend`, and gets
 *   the routing path appended, as a load balancer behind a VPC link receives it;
 * - an `overwrite:path` request mapping replaces the resulting path.
 */
export function buildUpstreamUrl(
  routed: RoutedRequest,
  integration: HttpProxyIntegrationModel,
  backend: string | undefined,
): UpstreamTarget {
  const target = buildMappedUrl(routed, integration, backend);
  if (!target.ok || routed.pathOverride === undefined) return target;
  // `overwrite:path` replaces the whole path the backend receives, keeping its host and query (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html).
  const url = new URL(target.url);
  return parsed(`${url.origin}${routed.pathOverride}${url.search}`);
}

function buildMappedUrl(
  routed: RoutedRequest,
  integration: HttpProxyIntegrationModel,
  backend: string | undefined,
): UpstreamTarget {
  const { request } = routed;
  if (integration.connectionType === 'VPC_LINK') {
    if (backend === undefined) {
      return { ok: false, error: `private integration ${integration.ref.logicalId} has no --backend URL` };
    }
    return parsed(withQuery(joinPath(stripQuery(backend), routed.routingPath), request.rawQueryString));
  }
  const substituted = substituteStageVariables(integration.uri, routed.stage.stageVariables);
  if (!substituted.ok) {
    return { ok: false, error: `stage variable ${substituted.missing} is not defined on stage ${routed.stage.name}` };
  }
  const queryAt = substituted.value.indexOf('?');
  let base = queryAt === -1 ? substituted.value : substituted.value.slice(0, queryAt);
  const uriQuery = queryAt === -1 ? '' : substituted.value.slice(queryAt + 1);
  if (routed.match.route.httpKey?.kind === 'default') {
    base = joinPath(base, routed.routingPath);
  } else {
    base = base.replace(/\{([^{}]+?)\+?\}/g, (whole, name: string) => routed.match.rawPathParameters[name] ?? whole);
  }
  const url = parsed(withQuery(uriQuery === '' ? base : `${base}?${uriQuery}`, request.rawQueryString));
  if (!url.ok || backend === undefined) return url;
  const local = parsed(stripQuery(backend));
  if (!local.ok) return local;
  const localUrl = new URL(local.url);
  const remote = new URL(url.url);
  const prefix = localUrl.pathname.replace(/\/$/, '');
  return parsed(`${localUrl.origin}${prefix}${remote.pathname}${remote.search}`);
}

function stripQuery(url: string): string {
  const at = url.indexOf('?');
  return at === -1 ? url : url.slice(0, at);
}

function parsed(url: string): UpstreamTarget {
  try {
    const value = new URL(url);
    if (value.protocol !== 'http:' && value.protocol !== 'https:') {
      return { ok: false, error: `integration URL ${url} is not http or https` };
    }
    return { ok: true, url: value.href };
  } catch {
    return { ok: false, error: `integration URL ${url} is not a valid URL` };
  }
}
