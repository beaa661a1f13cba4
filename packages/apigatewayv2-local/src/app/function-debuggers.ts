import { GatewayError } from '../errors.js';
import { resourceKey, type FunctionModel, type GatewayModel } from '../model/index.js';
import { DEBUG_TIMEOUT_MS } from '../lambda/debugger-arguments.js';
import { freePort, isPortFree } from '../lambda/debugger-ports.js';
import { pythonHasDebugpy } from '../lambda/python/python-runtime-adapter.js';

/** Node.js's own default inspector port: the first function's with a bare `--inspect`. */
export const DEFAULT_INSPECTOR_PORT = 9229;

/** What the `inspect` option asks for, checked. */
export interface InspectSettings {
  /** The first function's port; the next functions get the next ports. 0: a free port each. */
  readonly port: number;
  /** `--inspect-brk`: each environment waits for a debugger before it runs any code. */
  readonly waitForClient: boolean;
  readonly host: string;
}

/**
 * Runs Node.js functions under the inspector and Python functions under debugpy (where it is installed),
 * each function on a port of its own, kept across reloads; with their timeouts (the function's, its
 * integrations', its init) suspended, since a paused handler is not a slow one.
 */
export class FunctionDebuggers {
  private readonly ports = new Map<string, number>();
  private nextPort: number;

  constructor(private readonly settings: InspectSettings) {
    this.nextPort = settings.port;
  }

  /** `model` with a debugger on each function that can have one; throws `PORT_IN_USE` naming a taken port. */
  async attach(model: GatewayModel): Promise<GatewayModel> {
    const functions: FunctionModel[] = [];
    for (const fn of model.functions) functions.push(await this.attachTo(fn));
    const debugged = new Set(functions.filter((fn) => fn.debugger !== undefined && fn.debugger.kind !== 'unavailable').map((fn) => fn.arn));
    if (debugged.size === 0) return { ...model, functions };
    // Every Lambda integration and authorizer: which function an ARN with stage variables names is known per request only.
    const apis = model.apis.map((api) => ({
      ...api,
      integrations: new Map([...api.integrations].map(([id, integration]) => [id, integration.kind === 'lambda' ? { ...integration, timeoutMs: DEBUG_TIMEOUT_MS } : integration])),
      authorizers: new Map([...api.authorizers].map(([id, authorizer]) => [id, authorizer.kind === 'lambda' ? { ...authorizer, timeoutMs: DEBUG_TIMEOUT_MS } : authorizer])),
    }));
    return { ...model, functions, apis };
  }

  private async attachTo(fn: FunctionModel): Promise<FunctionModel> {
    const kind = fn.runtime.startsWith('nodejs') ? 'inspector' : fn.runtime.startsWith('python') ? 'debugpy' : undefined;
    if (kind === undefined) return fn;
    if (kind === 'debugpy' && !pythonHasDebugpy()) {
      return { ...fn, debugger: { kind: 'unavailable', reason: 'debugpy is not installed for python3 (python3 -m pip install debugpy); the function runs without a debugger' } };
    }
    const port = await this.portFor(fn);
    return { ...fn, timeoutMs: DEBUG_TIMEOUT_MS, debugger: { kind, host: this.settings.host, port, waitForClient: this.settings.waitForClient } };
  }

  private async portFor(fn: FunctionModel): Promise<number> {
    const key = resourceKey(fn.ref);
    const known = this.ports.get(key);
    if (known !== undefined) return known;
    let port: number;
    if (this.settings.port === 0) {
      port = await freePort(this.settings.host);
    } else {
      port = this.nextPort++;
      if (port > 65535) throw new GatewayError('INVALID_OPTION', `no inspector port left for function ${key}: the ports from ${this.settings.port} run past 65535`);
      if (!(await isPortFree(this.settings.host, port))) {
        throw new GatewayError(
          'PORT_IN_USE',
          `inspector port ${port} (function ${key}) is in use by another process; pass --inspect=<port> (inspect: { port }) with a free first port, or 0 for free ports`,
        );
      }
    }
    this.ports.set(key, port);
    return port;
  }
}
