import { describeAuthorization } from '../authorizers/describe-authorization.js';
import { resourceKey, type ApiModel, type Diagnostic } from '../model/index.js';
import { describeRoutes, type DescribeIntegrationContext } from './describe-integration.js';
import type { StartUpWarning } from '../gateway/not-emulated.js';
import type { ServedApi } from './format-start-up-report.js';
import type { GatewayApiInfo } from '../app/gateway.js';

/** What a reload changed, as `serveGateway` saw it. */
export interface ReloadChange {
  /** Every API served now, with its new model. */
  readonly apis: readonly ServedApi[];
  /** The API models served before the reload, by `stackName/logicalId`. */
  readonly previous: ReadonlyMap<string, ApiModel>;
  readonly added: readonly GatewayApiInfo[];
  readonly removed: readonly GatewayApiInfo[];
  /** Functions whose environments were replaced (their code or settings changed). */
  readonly restartedFunctions: readonly string[];
  /** WebSocket connections closed because their stage is gone. */
  readonly closedConnections: number;
  /** Diagnostics and warnings the previous model did not have. */
  readonly diagnostics: readonly Diagnostic[];
  readonly warnings: readonly StartUpWarning[];
  /** How long the reload took, from the change to serving it, when known. */
  readonly durationMs?: number;
}

/**
 * The short block printed after a reload: APIs added and removed, then per kept API the routes and stages
 * added (`+`), removed (`-`) and changed (`~`: another integration or authorization), the functions whose
 * environments were replaced, and only the diagnostics and warnings that are new.
 */
export function formatReloadSummary(change: ReloadChange, context: DescribeIntegrationContext): string[] {
  const lines: string[] = [];
  for (const info of change.added) {
    lines.push(`  + ${info.protocol} API ${resourceKey(info)} (${info.name}) ${info.url}`);
  }
  for (const info of change.removed) lines.push(`  - ${info.protocol} API ${resourceKey(info)} (${info.name})`);
  const addedKeys = new Set(change.added.map((info) => resourceKey(info)));
  for (const { model, info } of change.apis) {
    const key = resourceKey(info);
    const before = change.previous.get(key);
    if (before === undefined || addedKeys.has(key)) continue;
    const differences = [...stageChanges(before, model, info), ...routeChanges(before, model, context)];
    if (differences.length > 0) lines.push(`  ${key}: ${differences.join(', ')}`);
  }
  if (change.restartedFunctions.length > 0) {
    lines.push(`  functions restarted (code or settings changed): ${change.restartedFunctions.join(', ')}`);
  }
  if (change.closedConnections > 0) {
    lines.push(`  WebSocket connections closed (their stage is gone): ${change.closedConnections}`);
  }
  for (const d of change.diagnostics) {
    lines.push(`  ${d.severity} ${resourceKey(d)}${d.property ? ` ${d.property}` : ''}: ${d.message} [${d.code}]`);
  }
  for (const w of change.warnings) lines.push(`  warning ${resourceKey(w)}: ${w.message}`);
  const took = change.durationMs === undefined ? '' : ` in ${(change.durationMs / 1000).toFixed(1)} s`;
  return [`apigw-local: reloaded${took}${lines.length > 0 ? '' : ', nothing changed'}`, ...lines];
}

function stageChanges(before: ApiModel, after: ApiModel, info: GatewayApiInfo): string[] {
  const had = new Set(before.stages.map((stage) => stage.name));
  const has = new Set(after.stages.map((stage) => stage.name));
  return [
    ...info.stages.filter((stage) => !had.has(stage.name)).map((stage) => `+ stage ${stage.name} ${stage.url}`),
    ...before.stages.filter((stage) => !has.has(stage.name)).map((stage) => `- stage ${stage.name}`),
  ];
}

/** Route keys added, removed, or pointing at another integration or authorization, sorted by route key. */
function routeChanges(before: ApiModel, after: ApiModel, context: DescribeIntegrationContext): string[] {
  const describe = (api: ApiModel): Map<string, string> => {
    const integrations = describeRoutes(api, context);
    return new Map(
      api.routes.map((route) => {
        const integration = integrations.get(route.routeKey) ?? '(no integration)';
        return [route.routeKey, api.protocol === 'HTTP' ? `→ ${integration} [${describeAuthorization(route, api)}]` : `→ ${integration}`];
      }),
    );
  };
  const old = describe(before);
  const now = describe(after);
  const keys = [...new Set([...old.keys(), ...now.keys()])].sort((a, b) => a.localeCompare(b));
  return keys.flatMap((routeKey) => {
    const was = old.get(routeKey);
    const is = now.get(routeKey);
    if (was === undefined) return [`+ ${routeKey} ${is ?? ''}`];
    if (is === undefined) return [`- ${routeKey}`];
    return was === is ? [] : [`~ ${routeKey} ${is}`];
  });
}
