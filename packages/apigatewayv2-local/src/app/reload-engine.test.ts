import { describe, expect, test } from 'vitest';
import type { StartUpWarning } from '../gateway/not-emulated.js';
import { httpApi, route, stage, STACK } from '../http/http-test-fixtures.js';
import type { ApiModel, Diagnostic, GatewayModel } from '../model/index.js';
import type { Gate } from './gate.js';
import { ReloadEngine, type ApiListener } from './reload-engine.js';

const api = (logicalId: string, routeKeys: readonly string[] = ['GET /'], protocol: 'HTTP' | 'WEBSOCKET' = 'HTTP'): ApiModel => ({
  ...httpApi({ routes: routeKeys.map((key) => route(key)), stages: [stage('$default')] }),
  ref: { stackName: STACK, logicalId },
  name: logicalId,
  protocol,
});
const modelOf = (apis: readonly ApiModel[], diagnostics: readonly Diagnostic[] = []): GatewayModel => ({
  apis,
  functions: [],
  diagnostics,
  environment: { accountId: '123456789012', region: 'us-east-1', partition: 'aws', urlSuffix: 'amazonaws.com' },
});

/** A listener without a socket: records what the engine asked of it. */
interface FakeListener extends ApiListener {
  readonly logicalId: string;
  readonly versions: ApiModel[];
  readonly ready: Gate;
  closedWith?: number | 'grace';
}

/** Fake listeners on ports 1, 2, 3 … in the order asked; `failFor` makes one API's listen fail. */
function fakes(options: { failFor?: string; closedConnections?: number } = {}) {
  const listeners: FakeListener[] = [];
  const listen = (served: ApiModel, ready: Gate): Promise<FakeListener> => {
    if (served.ref.logicalId === options.failFor) return Promise.reject(new Error(`port taken for ${served.ref.logicalId}`));
    const listener: FakeListener = {
      logicalId: served.ref.logicalId,
      baseUrl: `http://127.0.0.1:${listeners.length + 1}`,
      versions: [served],
      ready,
      replace(next) {
        listener.versions.push(next);
        return options.closedConnections ?? 0;
      },
      close(graceMs) {
        listener.closedWith = graceMs === undefined ? 'grace' : graceMs;
        return Promise.resolve();
      },
    };
    listeners.push(listener);
    return Promise.resolve(listener);
  };
  return { listeners, listen };
}

const noWarnings = (): StartUpWarning[] => [];

describe('ReloadEngine', () => {
  test('listens for every API in the model order and reports them for the start-up table', async () => {
    const { listeners, listen } = fakes();
    const engine = new ReloadEngine({ listen, warningsOf: noWarnings });
    const report = await engine.start(modelOf([api('A'), api('B')]));
    expect(listeners.map((l) => l.logicalId)).toEqual(['A', 'B']);
    expect(report.apis.map((served) => served.info.url)).toEqual(['http://127.0.0.1:1', 'http://127.0.0.1:2']);
    expect(listeners.every((l) => l.ready.isOpen)).toBe(true);
  });

  test('keeps the listener of a kept API and gives it the new version; listens for added APIs; closes removed ones', async () => {
    const { listeners, listen } = fakes({ closedConnections: 2 });
    const engine = new ReloadEngine({ listen, warningsOf: noWarnings });
    await engine.start(modelOf([api('A'), api('B')]));
    const a2 = api('A', ['GET /', 'POST /']);
    const change = await engine.reload(modelOf([a2, api('C')]));

    const [a, b, c] = listeners;
    expect(a?.versions.at(-1)).toBe(a2);
    expect(b?.closedWith).toBe('grace');
    expect(c?.logicalId).toBe('C');
    expect(change?.added.map((info) => info.logicalId)).toEqual(['C']);
    expect(change?.removed.map((info) => info.logicalId)).toEqual(['B']);
    expect([...(change?.previous.keys() ?? [])]).toEqual([`${STACK}/A`, `${STACK}/B`]);
    expect(change?.closedConnections).toBe(2);
    expect(engine.apis().map((served) => [served.info.logicalId, served.info.url])).toEqual([
      ['A', 'http://127.0.0.1:1'],
      ['C', 'http://127.0.0.1:3'],
    ]);
  });

  test('an API whose protocol changed gets a new listener', async () => {
    const { listeners, listen } = fakes();
    const engine = new ReloadEngine({ listen, warningsOf: noWarnings });
    await engine.start(modelOf([api('A')]));
    const change = await engine.reload(modelOf([api('A', ['$connect'], 'WEBSOCKET')]));
    expect(listeners[0]?.closedWith).toBe('grace');
    expect(change?.added.map((info) => info.protocol)).toEqual(['WEBSOCKET']);
  });

  test('new APIs wait until the caller switched to the model (onModel), then open', async () => {
    const { listeners, listen } = fakes();
    const seen: boolean[] = [];
    const engine = new ReloadEngine({
      listen,
      warningsOf: noWarnings,
      onModel: (_model, apis) => {
        seen.push(...listeners.map((l) => l.ready.isOpen));
        return apis.map((info) => info.logicalId);
      },
    });
    await engine.start(modelOf([api('A')]));
    expect(seen).toEqual([false]);
    const change = await engine.reload(modelOf([api('A'), api('B')]));
    expect(change?.restartedFunctions).toEqual(['A', 'B']);
    expect(listeners[1]?.ready.isOpen).toBe(true);
  });

  test('a reload whose listen fails closes what it opened, keeps serving as before, and does not stop the next', async () => {
    const { listeners, listen } = fakes({ failFor: 'Blocked' });
    const engine = new ReloadEngine({ listen, warningsOf: noWarnings });
    await engine.start(modelOf([api('A')]));
    await expect(engine.reload(modelOf([api('A'), api('B'), api('Blocked')]))).rejects.toThrow('port taken for Blocked');
    expect(listeners[1]?.closedWith).toBe(0);
    expect(engine.apis().map((served) => served.info.logicalId)).toEqual(['A']);
    await engine.reload(modelOf([api('C')]));
    expect(engine.apis().map((served) => served.info.logicalId)).toEqual(['C']);
  });

  test('a start whose listen fails closes the listeners it opened at once', async () => {
    const { listeners, listen } = fakes({ failFor: 'Blocked' });
    const engine = new ReloadEngine({ listen, warningsOf: noWarnings });
    await expect(engine.start(modelOf([api('A'), api('Blocked')]))).rejects.toThrow('port taken');
    expect(listeners[0]?.closedWith).toBe(0);
  });

  test('runs one reload at a time, in the order asked', async () => {
    const order: string[] = [];
    const { listen } = fakes();
    const engine = new ReloadEngine({
      listen: async (served, ready) => {
        order.push(`listen ${served.ref.logicalId}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return listen(served, ready);
      },
      onModel: (model) => void order.push(`switch ${model.apis.map((a) => a.ref.logicalId).join('')}`),
      warningsOf: noWarnings,
    });
    await engine.start(modelOf([api('A')]));
    await Promise.all([engine.reload(modelOf([api('A'), api('B')])), engine.reload(modelOf([api('A'), api('C')]))]);
    expect(order).toEqual(['listen A', 'switch A', 'listen B', 'switch AB', 'listen C', 'switch AC']);
  });

  test('reports only the warnings and diagnostics the previous model did not have', async () => {
    const { listen } = fakes();
    const old: Diagnostic = { severity: 'warning', code: 'UNSUPPORTED_PROPERTY', stackName: STACK, logicalId: 'A', property: 'Body', message: 'old' };
    const fresh: Diagnostic = { ...old, message: 'new' };
    const engine = new ReloadEngine({
      listen,
      warningsOf: (model) => model.apis.map((served) => ({ ...served.ref, message: `warning for ${served.ref.logicalId}` })),
    });
    const report = await engine.start(modelOf([api('A')], [old]));
    expect(report.warnings.map((w) => w.message)).toEqual(['warning for A']);
    const change = await engine.reload(modelOf([api('A'), api('B')], [old, fresh]));
    expect(change?.warnings.map((w) => w.message)).toEqual(['warning for B']);
    expect(change?.diagnostics).toEqual([fresh]);
  });

  test('close() waits for a running reload, closes every listener, and reloads not yet started do nothing', async () => {
    const { listeners, listen } = fakes();
    let listening: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (listening = resolve));
    const engine = new ReloadEngine({
      listen: (served, ready) => {
        if (served.ref.logicalId === 'B') listening();
        return listen(served, ready);
      },
      warningsOf: noWarnings,
    });
    await engine.start(modelOf([api('A')]));
    const running = engine.reload(modelOf([api('A'), api('B')]));
    await started;
    const closed = Promise.all([engine.close(), engine.close()]);
    expect(await running).toBeDefined();
    await closed;
    expect(listeners.map((l) => l.closedWith)).toEqual(['grace', 'grace']);
    expect(await engine.reload(modelOf([api('C')]))).toBeUndefined();
    expect(listeners).toHaveLength(2);
  });
});
