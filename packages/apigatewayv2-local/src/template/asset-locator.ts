import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Finds the local file or directory behind a CDK asset, given what the template says about it: an S3
 * object key, an S3 URL (nested stack `TemplateURL`), or a key that contains the asset hash (legacy
 * `AssetParameters…` keys).
 */
export class AssetLocator {
  /**
   * @param directory where `asset.{hash}` entries live (the cloud assembly or the template's folder)
   * @param objectKeys S3 object key → absolute source path, from the `*.assets.json` manifests
   */
  constructor(
    readonly directory: string,
    private readonly objectKeys: ReadonlyMap<string, string> = new Map(),
  ) {}

  /** The local path for an object key or URL, or undefined when it is not an asset of this assembly. */
  locate(keyOrUrl: string): string | undefined {
    const exact = this.objectKeys.get(keyOrUrl);
    if (exact) return exact;
    for (const [key, path] of this.objectKeys) {
      if (keyOrUrl.endsWith(`/${key}`)) return path;
    }
    const hash = /([0-9a-f]{64})/.exec(keyOrUrl)?.[1];
    return hash ? this.byHash(hash) : undefined;
  }

  /** `asset.{hash}` (a directory) or `asset.{hash}.{ext}` (a file) in the assembly directory. */
  byHash(hash: string): string | undefined {
    const dir = join(this.directory, `asset.${hash}`);
    if (existsSync(dir)) return dir;
    let entries: string[];
    try {
      entries = readdirSync(this.directory);
    } catch {
      return undefined;
    }
    const file = entries.find((name) => name.startsWith(`asset.${hash}.`));
    return file ? join(this.directory, file) : undefined;
  }
}
