import type { HeaderList } from '../gateway/headers.js';
import { substituteStageVariables } from '../gateway/stage-variables.js';
import { withTimeout } from '../gateway/with-timeout.js';
import { findBackend } from '../http/upstream-target.js';
import type { HttpProxyIntegrationModel, StageModel } from '../model/index.js';
import type { WebSocketDeps } from './types.js';

/** How a WebSocket route's HTTP or HTTP_PROXY integration call ended. */
export type BackendOutcome =
  | { readonly kind: 'response'; readonly statusCode: number; readonly body: string }
  | { readonly kind: 'failed' | 'timed-out'; readonly error: string };

/**
 * Method for an `ANY` integration on a WebSocket route: a message has no method of its own; its body is
 * sent as a POST's (unconfirmed: AWS asks for an explicit `IntegrationMethod` on WebSocket HTTP integrations).
 */
export const WEBSOCKET_ANY_METHOD = 'POST';

/**
 * The URL a WebSocket HTTP integration calls: its `IntegrationUri` with the stage's variables, or, with a
 * `--backend` for it, the same path and query on the local base URL (a private integration only there).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integration-requests.html
 */
export function backendUrl(
  integration: HttpProxyIntegrationModel,
  stage: StageModel,
  backends: ReadonlyMap<string, string>,
): { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly error: string } {
  const backend = findBackend(integration, backends);
  if (integration.awsService !== undefined && backend === undefined) {
    return { ok: false, error: `AWS service integration ${integration.ref.logicalId} (${integration.awsService}) is not emulated; give it a local endpoint with --backend ${integration.ref.logicalId}=<url>` };
  }
  const substituted = substituteStageVariables(integration.uri, stage.stageVariables);
  if (!substituted.ok) return { ok: false, error: `stage variable ${substituted.missing} is not defined on stage ${stage.name}` };
  try {
    if (integration.connectionType === 'VPC_LINK') {
      if (backend === undefined) return { ok: false, error: `private integration ${integration.ref.logicalId} has no --backend URL` };
      return { ok: true, url: new URL(backend) };
    }
    const remote = new URL(substituted.value);
    if (backend === undefined) return { ok: true, url: remote };
    const local = new URL(backend);
    return { ok: true, url: new URL(`${local.origin}${local.pathname.replace(/\/$/, '')}${remote.pathname}${remote.search}`) };
  } catch {
    return { ok: false, error: `integration URL ${integration.uri} is not a valid URL` };
  }
}

/**
 * Static header values of the integration's request parameters (`integration.request.header.Content-Type`:
 * `'application/x-www-form-urlencoded'`) replace the request's own; mappings from request values are not
 * applied on WebSocket routes (reported in the README).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-data-transformations.html
 */
function withStaticHeaders(headers: HeaderList, integration: HttpProxyIntegrationModel): HeaderList {
  const statics: [string, string][] = [];
  for (const [destination, source] of Object.entries(integration.requestParameters)) {
    const name = /^integration\.request\.header\.(.+)$/.exec(destination)?.[1];
    const literal = /^'(.*)'$/s.exec(source)?.[1];
    if (name !== undefined && literal !== undefined) statics.push([name, literal]);
  }
  if (statics.length === 0) return headers;
  const replaced = new Set(statics.map(([name]) => name.toLowerCase()));
  return [...headers.filter(([name]) => !replaced.has(name.toLowerCase())), ...statics];
}

/**
 * Sends one integration request (a message body, or `$connect`'s empty one) to the backend and waits at
 * most the integration timeout. The backend's status and body come back; its headers do not reach a
 * WebSocket client.
 */
export async function callHttpBackend(
  integration: HttpProxyIntegrationModel,
  stage: StageModel,
  request: { readonly body: string; readonly headers: HeaderList },
  deps: Pick<WebSocketDeps, 'forward' | 'backends'>,
): Promise<BackendOutcome> {
  const target = backendUrl(integration, stage, deps.backends);
  if (!target.ok) return { kind: 'failed', error: target.error };
  const controller = new AbortController();
  const forwarding = deps.forward({
    method: integration.method === 'ANY' ? WEBSOCKET_ANY_METHOD : integration.method,
    url: target.url.href,
    headers: withStaticHeaders(request.headers, integration),
    body: Buffer.from(request.body, 'utf8'),
    signal: controller.signal,
  });
  const timed = await withTimeout(forwarding, integration.timeoutMs, () => controller.abort()).catch((error: unknown) => ({ kind: 'thrown' as const, error }));
  if (timed.kind === 'thrown') return { kind: 'failed', error: `HTTP client failed: ${String(timed.error)}` };
  if (timed.kind === 'timed-out') return { kind: 'timed-out', error: `integration timeout after ${integration.timeoutMs} ms (${target.url.href})` };
  const response = timed.value;
  if (response.kind === 'failed') return { kind: 'failed', error: `${target.url.href}: ${response.message}` };
  return { kind: 'response', statusCode: response.statusCode, body: response.body.toString('utf8') };
}
