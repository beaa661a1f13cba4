import type { StartUpWarning } from '../gateway/not-emulated.js';
import { resourceKey, type ApiModel, type Diagnostic, type GatewayModel } from '../model/index.js';
import type { ReloadChange } from '../report/format-reload-summary.js';
import type { ServedApi, StartUpReport } from '../report/format-start-up-report.js';
import { apiInfo } from './api-info.js';
import { gate, type Gate } from './gate.js';
import type { GatewayApiInfo } from './gateway.js';

/** One API listening, as the engine drives it (a real port in server/, a fake in tests). */
export interface ApiListener {
  /** `http://host:port` of its port. */
  readonly baseUrl: string;
  /** Answers with `api` (a new version of the same API) from now on; returns the WebSocket connections it closed (their stage is gone). */
  replace(api: ApiModel): number;
  /** Stops listening; `graceMs` 0 drops in-flight requests at once (a start or reload that failed). */
  close(graceMs?: number): Promise<void>;
}

export interface ReloadEngineOptions<L extends ApiListener> {
  /** Starts listening for a new API; its requests wait for `ready` (opened once the model switched). */
  readonly listen: (api: ApiModel, ready: Gate) => Promise<L>;
  /**
   * Called with each model once its new APIs listen and before any request is answered with it: the caller
   * switches its function lookup here. Returns the names of the functions whose environments it replaced.
   */
  readonly onModel?: (model: GatewayModel, apis: readonly GatewayApiInfo[]) => readonly string[] | void;
  /** The start-up warnings of a model (a reload reports only the new ones). */
  readonly warningsOf: (model: GatewayModel) => readonly StartUpWarning[];
}

/** What a reload changed, for the summary (its duration is the caller's to add). */
export type ModelChange = Omit<ReloadChange, 'durationMs'>;

interface Entry<L> {
  api: ApiModel;
  info: GatewayApiInfo;
  readonly listener: L;
}

/**
 * Which APIs of a model are served, and the switch from one model to the next: APIs it keeps stay on their
 * listeners and answer with their new version, new APIs get listeners, removed ones stop; every new listener
 * waits until the whole switch is done. One reload at a time, in the order asked; a failed one leaves the
 * served APIs as they were and does not stop the next. No sockets: `listen` is injected.
 */
export class ReloadEngine<L extends ApiListener> {
  private readonly served = new Map<string, Entry<L>>();
  private current: GatewayModel | undefined;
  private warnings: readonly StartUpWarning[] = [];
  private reloading: Promise<unknown> = Promise.resolve();
  private closing: Promise<void> | undefined;

  constructor(private readonly options: ReloadEngineOptions<L>) {}

  /** Serves the first model and returns what the start-up report shows; on failure closes what it opened. */
  async start(model: GatewayModel): Promise<StartUpReport> {
    try {
      await this.apply(model);
    } catch (error) {
      await Promise.allSettled([...this.served.values()].map((entry) => entry.listener.close(0)));
      this.served.clear();
      throw error;
    }
    this.warnings = this.options.warningsOf(model);
    return { apis: this.apis(), diagnostics: model.diagnostics, warnings: this.warnings, functions: model.functions };
  }

  /** Serves `model` instead of the current one; resolves with what changed (undefined once closing). */
  reload(model: GatewayModel): Promise<ModelChange | undefined> {
    const next = this.reloading
      .catch(() => undefined)
      .then(async () => (this.closing === undefined ? this.switchTo(model) : undefined));
    this.reloading = next;
    return next;
  }

  /** The served APIs with the version each answers with, in the model's order. */
  apis(): ServedApi[] {
    return (this.current?.apis ?? []).flatMap((api) => {
      const entry = this.served.get(resourceKey(api.ref));
      return entry === undefined ? [] : [{ model: entry.api, info: entry.info }];
    });
  }

  /** The listener of the API with this `resourceKey`. */
  listener(key: string): L | undefined {
    return this.served.get(key)?.listener;
  }

  /** Waits for a running reload, then stops every listener. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.reloading.catch(() => undefined);
      await Promise.allSettled([...this.served.values()].map((entry) => entry.listener.close()));
    })();
    return this.closing;
  }

  private async switchTo(model: GatewayModel): Promise<ModelChange> {
    const diagnosticsBefore = new Set((this.current?.diagnostics ?? []).map(findingKey));
    const change = await this.apply(model);
    const warningsBefore = new Set(this.warnings.map(findingKey));
    this.warnings = this.options.warningsOf(model);
    return {
      ...change,
      apis: this.apis(),
      diagnostics: model.diagnostics.filter((d: Diagnostic) => !diagnosticsBefore.has(findingKey(d))),
      warnings: this.warnings.filter((w) => !warningsBefore.has(findingKey(w))),
    };
  }

  /**
   * Listens for the model's new APIs, then in one step switches the caller (`onModel`) and every kept API to
   * it, opens the new APIs, and stops the removed ones.
   */
  private async apply(model: GatewayModel): Promise<Omit<ModelChange, 'apis' | 'diagnostics' | 'warnings'>> {
    const ready = gate();
    const next = new Map(model.apis.map((api) => [resourceKey(api.ref), api]));
    const added = await this.listenForNew(next, ready);
    const previous = new Map([...this.served].map(([key, entry]) => [key, entry.api]));
    const removed = [...this.served].filter(([key, entry]) => next.get(key)?.protocol !== entry.api.protocol).map(([key, entry]) => {
      this.served.delete(key);
      return entry;
    });
    let closedConnections = 0;
    for (const [key, entry] of this.served) {
      const api = next.get(key) as ApiModel;
      entry.api = api;
      entry.info = apiInfo(api, entry.listener.baseUrl);
      closedConnections += entry.listener.replace(api);
    }
    for (const entry of added) this.served.set(resourceKey(entry.api.ref), entry);
    this.current = model;
    const restartedFunctions = this.options.onModel?.(model, this.apis().map((api) => api.info)) ?? [];
    ready.open();
    await Promise.allSettled(removed.map((entry) => entry.listener.close()));
    return { previous, removed: removed.map((entry) => entry.info), added: added.map((entry) => entry.info), restartedFunctions, closedConnections };
  }

  /** Listeners for the APIs not served yet (or served under the other protocol), in the model's order. */
  private async listenForNew(next: ReadonlyMap<string, ApiModel>, ready: Gate): Promise<Entry<L>[]> {
    const added: Entry<L>[] = [];
    try {
      for (const [key, api] of next) {
        const existing = this.served.get(key);
        if (existing !== undefined && existing.api.protocol === api.protocol) continue;
        const listener = await this.options.listen(api, ready);
        added.push({ api, info: apiInfo(api, listener.baseUrl), listener });
      }
    } catch (error) {
      await Promise.allSettled(added.map((entry) => entry.listener.close(0)));
      throw error;
    }
    return added;
  }
}

/** A warning or diagnostic as the reload summary compares them: the same finding on the same resource. */
function findingKey(finding: { readonly stackName: string; readonly logicalId: string; readonly property?: string; readonly message: string }): string {
  return `${resourceKey(finding)} ${finding.property ?? ''} ${finding.message}`;
}
