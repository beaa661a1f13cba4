import { cp, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { FunctionModel } from '../model/index.js';
import type { RuntimeHost } from './runtime-adapter.js';

/**
 * The variable that names, inside a function's environment, the directory standing for `/opt`: the
 * function's layers merged in order. Code that reads `/opt/...` by absolute path can read
 * `process.env.APIGW_LOCAL_OPT ?? '/opt'` (Python: `os.environ.get('APIGW_LOCAL_OPT', '/opt')`).
 */
export const OPT_DIRECTORY_VARIABLE = 'APIGW_LOCAL_OPT';

/** The asset directories of a function's layers, in order. */
export function layerDirectories(fn: FunctionModel): string[] {
  return (fn.layers ?? []).flatMap((layer) => (layer.kind === 'directory' ? [layer.path] : []));
}

/**
 * Lambda extracts a function's layers into `/opt`, in the function's order, a later layer's file replacing
 * an earlier one's (https://docs.aws.amazon.com/lambda/latest/dg/adding-layers.html). Without a root file
 * system of its own, the gateway copies them, in that order, into one directory per function in its scratch
 * directory, made once per set of layers and shared by the function's environments.
 */
export class LayerDirectories {
  /**
   * By function model: every environment of one version of a function shares its copy; a new version (each
   * watch-mode reload makes one, e.g. after a layer changed on disk) gets a fresh copy.
   */
  private readonly merged = new WeakMap<FunctionModel, Promise<string>>();
  private count = 0;

  /** The directory standing for `/opt`, or undefined when the function has no layer with files. */
  resolve(fn: FunctionModel, host: Pick<RuntimeHost, 'scratchDir'>): Promise<string | undefined> {
    const sources = layerDirectories(fn);
    if (sources.length === 0) return Promise.resolve(undefined);
    let dir = this.merged.get(fn);
    if (dir === undefined) {
      dir = this.merge(fn, sources, host);
      this.merged.set(fn, dir);
      // A failed copy is tried again by the next environment.
      dir.catch(() => this.merged.delete(fn));
    }
    return dir;
  }

  private async merge(fn: FunctionModel, sources: readonly string[], host: Pick<RuntimeHost, 'scratchDir'>): Promise<string> {
    const name = `${fn.ref.stackName}-${fn.ref.logicalId}-${++this.count}`.replace(/[^A-Za-z0-9._-]/g, '_');
    const dir = path.join(await host.scratchDir(), 'opt', name);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    for (const source of sources) await cp(source, dir, { recursive: true, force: true, verbatimSymlinks: true });
    return dir;
  }
}

/** The part of a runtime name after its family, e.g. `20` of `nodejs20.x`, `3.12` of `python3.12`. */
function runtimeVersion(runtime: string, family: string): string | undefined {
  const match = new RegExp(`^${family}([\\d.]+?)(?:\\.x)?$`).exec(runtime);
  return match?.[1];
}

const join = (...entries: (string | undefined)[]): string => entries.filter((entry) => entry !== undefined && entry !== '').join(path.delimiter);

/**
 * The variables that make a function see its layers where Lambda puts them, with `opt` standing for
 * `/opt` (https://docs.aws.amazon.com/lambda/latest/dg/packaging-layers.html#packaging-layers-paths):
 * `opt/bin` last on `PATH` and `opt/lib` last on `LD_LIBRARY_PATH` (as in Lambda's defaults); Node.js `opt/nodejs/node{N}/node_modules`
 * then `opt/nodejs/node_modules` on `NODE_PATH`; Python `opt/python/lib/python3.x/site-packages` then
 * `opt/python` on `PYTHONPATH`. The function's own values of those variables come first, as on Lambda
 * where they replace the runtime's; `runtimeNodePath` is the runtime's own `NODE_PATH`, after the layers'.
 */
export function layerVariables(fn: FunctionModel, opt: string, runtimeNodePath?: string): Record<string, string> {
  const base = { PATH: fn.environment.PATH ?? process.env.PATH, LD_LIBRARY_PATH: fn.environment.LD_LIBRARY_PATH, NODE_PATH: runtimeNodePath };
  const variables: Record<string, string> = {
    [OPT_DIRECTORY_VARIABLE]: opt,
    PATH: join(base.PATH, path.join(opt, 'bin')),
    LD_LIBRARY_PATH: join(base.LD_LIBRARY_PATH, path.join(opt, 'lib')),
  };
  const node = runtimeVersion(fn.runtime, 'nodejs');
  if (fn.runtime.startsWith('nodejs')) {
    variables.NODE_PATH = join(
      fn.environment.NODE_PATH,
      ...(node !== undefined ? [path.join(opt, 'nodejs', `node${node}`, 'node_modules')] : []),
      path.join(opt, 'nodejs', 'node_modules'),
      base.NODE_PATH,
    );
  }
  const python = runtimeVersion(fn.runtime, 'python');
  if (fn.runtime.startsWith('python')) {
    variables.PYTHONPATH = join(
      fn.environment.PYTHONPATH,
      ...(python !== undefined ? [path.join(opt, 'python', 'lib', `python${python}`, 'site-packages')] : []),
      path.join(opt, 'python'),
    );
  }
  return variables;
}
