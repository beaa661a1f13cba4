import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { StackScope } from './stack-scope.js';
import type { CfnResource } from './parse-template.js';

/** Where a resource's code asset is locally, or why it is not. */
export type AssetDirectory =
  | { readonly kind: 'directory'; readonly path: string }
  /** `unresolved`: the S3 key could not be resolved, which the resolver reported already. */
  | { readonly kind: 'missing'; readonly reason: string; readonly unresolved?: boolean };

/**
 * The local directory of a code property (`Code` of a function, `Content` of a layer version): the asset
 * named by CDK's resource metadata (`aws:asset:path` for that property), else an S3 object that is an asset
 * of the assembly (modern asset manifests, or legacy `AssetParameters…` keys).
 */
export function assetDirectory(scope: StackScope, logicalId: string, resource: CfnResource, property: string): AssetDirectory {
  const metadata = resource.Metadata ?? {};
  const assetPath = metadata['aws:asset:path'];
  if (typeof assetPath === 'string' && (metadata['aws:asset:property'] ?? property) === property) {
    return directoryAt(join(scope.assets.directory, assetPath));
  }
  const value = (resource.Properties?.[property] ?? {}) as Record<string, unknown>;
  const at = (name: string) => ({ stackName: scope.stackName, logicalId, property: `${property}.${name}` });
  const key = scope.tryResolve(value.S3Key, at('S3Key'));
  const bucket = scope.tryResolve(value.S3Bucket, at('S3Bucket'));
  if (typeof key === 'string') {
    const path = scope.assets.locate(key);
    if (path) return directoryAt(path);
  }
  if (key === undefined && value.S3Key !== undefined) return { kind: 'missing', reason: `${property}.S3Key cannot be resolved locally`, unresolved: true };
  const where = typeof key === 'string' ? `s3://${typeof bucket === 'string' ? bucket : '?'}/${key}` : `no ${property}`;
  return { kind: 'missing', reason: `code ${where} is not an asset of the cloud assembly` };
}

function directoryAt(path: string): AssetDirectory {
  if (!existsSync(path)) return { kind: 'missing', reason: `asset ${path} does not exist; was the assembly moved or cleaned?` };
  if (!statSync(path).isDirectory()) return { kind: 'missing', reason: `asset ${path} is a file (a pre-built zip?); only directory assets can run locally` };
  return { kind: 'directory', path };
}
