import { describeAuthorization } from '../authorizers/describe-authorization.js';
import type { StartUpWarning } from '../gateway/not-emulated.js';
import { resourceKey, type ApiModel, type Diagnostic, type FunctionModel } from '../model/index.js';
import { describeRoutes, type DescribeIntegrationContext } from './describe-integration.js';
import type { GatewayApiInfo } from '../app/gateway.js';
import { isTwoWay } from '../websocket/websocket-api.js';

/** One API together with how it is served. */
export interface ServedApi {
  readonly model: ApiModel;
  readonly info: GatewayApiInfo;
}

export interface StartUpReport {
  readonly apis: readonly ServedApi[];
  readonly diagnostics: readonly Diagnostic[];
  readonly warnings: readonly StartUpWarning[];
  /** The model's functions, for the variables overrides replaced. Undefined: none listed. */
  readonly functions?: readonly FunctionModel[];
}

/**
 * The lines printed at start-up: a table of every API with its stages, URLs and routes
 * (route key → integration [authorization]; WebSocket APIs also with callback URLs, the route selection expression and
 * which routes are two-way), then every diagnostic of the model and every warning.
 */
export function formatStartUpReport(report: StartUpReport, context: DescribeIntegrationContext): string[] {
  const lines: string[] = [];
  lines.push(`apigw-local: serving ${report.apis.length} API${report.apis.length === 1 ? '' : 's'}`);
  for (const { model, info } of report.apis) {
    lines.push('');
    lines.push(`${model.protocol} API ${resourceKey(info)} (${info.name})`);
    const routes = [...describeRoutes(model, context)].sort(([a], [b]) => a.localeCompare(b));
    const authorization = new Map(
      model.routes.map((route) => [route.routeKey, `[${describeAuthorization(route, model)}${route.apiKeyRequired && model.protocol === 'WEBSOCKET' ? ', API key' : ''}]`]),
    );
    if (model.protocol === 'WEBSOCKET') {
      const twoWay = new Set(model.routes.filter(isTwoWay).map((route) => route.routeKey));
      lines.push(
        ...indentTable([
          ...info.stages.map((stage) => ['stage', stage.name, stage.url, `callback ${stage.callbackUrl ?? '-'}`]),
          ['selection', model.routeSelectionExpression],
          ...routes.map(([routeKey, integration]) => [
            'route',
            routeKey,
            `→ ${integration}${twoWay.has(routeKey) ? ' (two-way)' : ''}`,
            authorization.get(routeKey) ?? '[open]',
          ]),
          ...describeUsagePlans(model),
        ]),
      );
      if (routes.length === 0) lines.push('  (no routes: clients connect, and every message gets a Forbidden error frame)');
      continue;
    }
    lines.push(...indentTable(info.stages.map((stage) => ['stage', stage.name, stage.url])));
    if (routes.length === 0) lines.push('  (no routes: every request answers 404)');
    lines.push(...indentTable(routes.map(([routeKey, integration]) => ['route', routeKey, `→ ${integration}`, authorization.get(routeKey) ?? '[open]'])));
  }
  const overridden = (report.functions ?? []).flatMap((fn) =>
    Object.entries(fn.environmentOrigins ?? {}).map(([name, origin]) => ['env', resourceKey(fn.ref), name, `from ${origin}`]),
  );
  if (overridden.length > 0) {
    lines.push('', `environment overrides (${overridden.length}):`, ...indentTable(overridden));
  }
  const debuggers = (report.functions ?? []).flatMap((fn) => {
    const debug = fn.debugger;
    if (debug === undefined) return [];
    if (debug.kind === 'unavailable') return [['no debugger', resourceKey(fn.ref), debug.reason]];
    const how = debug.kind === 'inspector' ? 'Node.js inspector (Chrome DevTools, VS Code attach)' : 'debugpy (VS Code Python attach)';
    return [[debug.kind, resourceKey(fn.ref), `${debug.host}:${debug.port}`, `${how}${debug.waitForClient ? '; waits for a debugger when it starts' : ''}`]];
  });
  if (debuggers.length > 0) {
    lines.push('', `debuggers (${debuggers.length}; no timeouts while debugging):`, ...indentTable(debuggers));
  }
  if (report.diagnostics.length > 0) {
    lines.push('', `diagnostics (${report.diagnostics.length}):`);
    lines.push(
      ...indentTable(
        report.diagnostics.map((d) => [
          d.severity,
          `${resourceKey(d)}${d.property ? ` ${d.property}` : ''}`,
          `${d.message} [${d.code}]`,
        ]),
      ),
    );
  }
  if (report.warnings.length > 0) {
    lines.push('', `warnings (${report.warnings.length}):`);
    lines.push(...indentTable(report.warnings.map((w) => ['warning', resourceKey(w), w.message])));
  }
  return lines;
}

/** Left-aligns columns (all but the last) and indents every row by two spaces. */
function indentTable(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.slice(0, -1).forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows.map((row) => `  ${row.map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i] ?? 0) : cell)).join('  ')}`);
}

/**
 * A WebSocket API's usage plans and their keys, values included (a generated one is the only way a user
 * learns it): `usage plan Plan  stages prod  throttle 10/s burst 2  quota 1000/DAY`, `api key Key  <value>`.
 */
function describeUsagePlans(model: ApiModel): string[][] {
  const rows: string[][] = [];
  for (const plan of model.usagePlans ?? []) {
    const limits = [
      plan.throttle && `throttle ${plan.throttle.rateLimit ?? '-'}/s burst ${plan.throttle.burstLimit ?? '-'}`,
      plan.quota && `quota ${plan.quota.limit}/${plan.quota.period}`,
    ].filter((part): part is string => part !== undefined);
    const stages = plan.apiStages.filter((covered) => covered.apiId === model.apiId).map((covered) => covered.stage);
    rows.push(['usage plan', plan.ref.logicalId, `stages ${stages.join(' ')}`, limits.join('  ')]);
    for (const key of plan.keys) {
      rows.push(['api key', key.ref.logicalId, key.value, [key.generated && '(generated)', !key.enabled && '(disabled: refused)'].filter(Boolean).join(' ')]);
    }
  }
  return rows;
}
