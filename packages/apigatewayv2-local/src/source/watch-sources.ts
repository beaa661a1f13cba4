import { isAbsolute, relative, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import picomatch from 'picomatch';

/**
 * How long the files must stay quiet before a change is acted on: an editor's save, a `git checkout` or a
 * `cdk synth` writing many files becomes one reload.
 */
export const WATCH_DEBOUNCE_MS = 100;

/** What watch mode watches for one source. */
export interface WatchPlan {
  /** The directory watched, recursively. */
  readonly root: string;
  /**
   * Globs relative to `root` (as in cdk.json's `watch.include`); a changed file counts when it matches one.
   * @default ['**']
   */
  readonly include?: readonly string[];
  /** Globs relative to `root` (as in cdk.json's `watch.exclude`) of files and directories left out. */
  readonly exclude?: readonly string[];
}

export interface SourceWatcher {
  /**
   * Also watches these directories (functions' code), whole, whatever the plan's globs say, replacing the set
   * given before; their `node_modules` and dot-directories are left out.
   */
  watchCodeDirectories(directories: readonly string[]): void;
  close(): Promise<void>;
}

/**
 * Left out whatever the plan says, as the CDK CLI's `cdk watch` leaves them out: dot-files and
 * dot-directories (`.git`, editors' swap files), `node_modules` and the CDK's own output directory.
 */
const ALWAYS_EXCLUDED_SEGMENTS: ReadonlySet<string> = new Set(['node_modules', 'cdk.out']);

/**
 * Watches a source (and later functions' code directories) and calls `onChange` with the changed paths once
 * they have been quiet for `WATCH_DEBOUNCE_MS`. Resolves once the initial scan is done, so that no change made
 * after it is missed.
 */
export async function watchSources(
  plan: WatchPlan,
  onChange: (paths: readonly string[]) => void,
  debounceMs: number = WATCH_DEBOUNCE_MS,
): Promise<SourceWatcher> {
  const included = picomatch([...(plan.include ?? ['**'])], { dot: true });
  const excluded = picomatch([...(plan.exclude ?? [])], { dot: true });
  let codeDirectories: readonly string[] = [];
  const isIgnored = (path: string, isFile: boolean | undefined): boolean => {
    const codeDirectory = codeDirectories.find((directory) => isWithin(directory, path));
    const base = codeDirectory ?? (isWithin(plan.root, path) ? plan.root : undefined);
    // Outside the root and every code directory: a directory dropped from the set (or not yet added).
    if (base === undefined) return true;
    const segments = relative(base, path).split(sep).filter((segment) => segment !== '');
    if (segments.some((segment) => ALWAYS_EXCLUDED_SEGMENTS.has(segment) || segment.startsWith('.'))) return true;
    if (codeDirectory !== undefined || segments.length === 0) return false;
    const posix = segments.join('/');
    if (excluded(posix)) return true;
    // Directories are always entered (an include such as `lib/**` names files below them).
    return isFile === true && !included(posix);
  };

  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const changed = (path: string): void => {
    pending.add(path);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const paths = [...pending];
      pending = new Set();
      onChange(paths);
    }, debounceMs);
  };

  const watcher: FSWatcher = watch(plan.root, {
    ignoreInitial: true,
    ignored: (path, stats) => isIgnored(path, stats === undefined ? undefined : stats.isFile()),
  });
  watcher.on('all', (event, path) => {
    // Checked again here: a directory dropped from the code directories may still report.
    if (event !== 'addDir' && !isIgnored(path, event !== 'unlinkDir')) changed(path);
  });
  await new Promise<void>((resolve, reject) => {
    watcher.once('ready', resolve);
    watcher.once('error', reject);
  });
  watcher.on('error', () => undefined);

  return {
    watchCodeDirectories(directories) {
      const next = [...new Set(directories)];
      const gone = codeDirectories.filter((directory) => !next.includes(directory));
      const added = next.filter((directory) => !codeDirectories.includes(directory));
      codeDirectories = next;
      if (gone.length > 0) watcher.unwatch(gone);
      if (added.length > 0) watcher.add(added);
    },
    async close() {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}

/** Whether `path` is `directory` or inside it. */
export function isWithin(directory: string, path: string): boolean {
  const fromDirectory = relative(directory, path);
  return !fromDirectory.startsWith('..') && !isAbsolute(fromDirectory);
}
