// Watch mode's decisions, apart from the serving: which functions restart after a reload, which code
// directories a change touched, and how changes turn into reloads (one at a time, the last good model kept).
import path from 'node:path';
import type { FunctionModel, GatewayModel } from '../model/index.js';
import type { LogSink } from '../app/gateway.js';
import type { ModelSource } from './model-source.js';
import type { ServedGateway } from '../app/serve-gateway.js';
import { isWithin } from './watch-sources.js';
import { layerDirectories } from '../lambda/function-layers.js';

/**
 * Functions whose environments must not be reused with the new model: those whose definition changed
 * (code location, handler, runtime, variables, timeout …) or whose code or layer directory changed on disk, and
 * those the new model no longer has. Functions added by the new model start lazily, like all others.
 */
export function changedFunctions(
  before: readonly FunctionModel[],
  after: readonly FunctionModel[],
  changedCode: ReadonlySet<string>,
): { readonly arns: string[]; readonly changedNames: string[] } {
  const previous = new Map(before.map((fn) => [fn.arn, fn]));
  const arns: string[] = [];
  const changedNames: string[] = [];
  for (const fn of after) {
    const old = previous.get(fn.arn);
    if (old === undefined) continue;
    previous.delete(fn.arn);
    const codeChanged = directoriesOf(fn).some((directory) => changedCode.has(directory));
    if (codeChanged || JSON.stringify(old) !== JSON.stringify(fn)) {
      arns.push(fn.arn);
      changedNames.push(fn.ref.logicalId);
    }
  }
  arns.push(...previous.keys());
  return { arns, changedNames };
}

/** The directories functions' code is read from: their own, and their layers' (watch mode watches both). */
export function codeDirectoriesOf(model: GatewayModel): string[] {
  return [...new Set(model.functions.flatMap(directoriesOf))];
}

function directoriesOf(fn: FunctionModel): string[] {
  return [...(fn.code.kind === 'directory' ? [fn.code.path] : []), ...layerDirectories(fn)];
}

/** The code directories of `model` that hold one of `paths`. */
export function codeDirectoriesTouched(model: GatewayModel, paths: readonly string[]): Set<string> {
  return new Set(codeDirectoriesOf(model).filter((directory) => paths.some((changed) => isWithin(directory, changed))));
}

export interface ReloadOnChangeOptions {
  readonly source: ModelSource;
  readonly log: LogSink;
  /** Whether to say that a change was seen (the reload summary follows); failures and warnings always print. */
  readonly verbose: boolean;
  /** Called with the changed paths once the new model was read, before it is served. */
  readonly beforeReload: (paths: readonly string[]) => void;
  /** Problems of the new model to print as warnings (e.g. a `--backend` key that no longer matches). */
  readonly warningsFor: (model: GatewayModel) => readonly string[];
  readonly gateway: Pick<ServedGateway, 'reload'>;
}

/**
 * Watch mode's reaction to a change: read (or synthesize) the source again and serve the new model; on
 * failure print why and keep serving the last good model. Changes arriving meanwhile are taken together in
 * one more reload once this one is done.
 */
export function reloadOnChange(options: ReloadOnChangeOptions): (paths: readonly string[]) => void {
  const { source, log, beforeReload, gateway } = options;
  let running = false;
  let queued: string[] = [];
  const reloadFor = async (paths: readonly string[]): Promise<void> => {
    const shown = path.relative(process.cwd(), paths[0] ?? '') || paths[0];
    if (options.verbose) log(`apigw-local: ${shown}${paths.length > 1 ? ` and ${paths.length - 1} more` : ''} changed; ${source.verb} again`);
    const started = performance.now();
    try {
      const next = await source.read();
      beforeReload(paths);
      for (const warning of options.warningsFor(next)) log(`apigw-local: warning: ${warning}`);
      await gateway.reload(next, { startedAtMs: started });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`apigw-local: reload failed, still serving the previous version: ${message}`);
    }
  };
  return (paths) => {
    queued.push(...paths);
    if (running) return;
    running = true;
    void (async () => {
      while (queued.length > 0) {
        const batch = [...new Set(queued)];
        queued = [];
        await reloadFor(batch);
      }
      running = false;
    })();
  };
}

