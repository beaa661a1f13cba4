import type { LayerModel } from '../model/index.js';
import { assetDirectory } from './read-asset.js';
import type { StackScope } from './stack-scope.js';

/** Every `AWS::Lambda::LayerVersion` of the assembly, by the ARN `Ref` gives it (what `Layers` entries resolve to). */
export type LayerIndex = ReadonlyMap<string, LayerModel>;

/**
 * Indexes the layer versions of every stack, so that a function's `Layers` entry finds its layer whether it
 * is in the same stack (`Ref`) or another stack of the assembly (`Fn::ImportValue` of an output that is that
 * `Ref`). Content that is not an asset directory is indexed as unavailable, with why.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-layerversion.html
 */
export function indexLayers(scopes: readonly StackScope[]): LayerIndex {
  const index = new Map<string, LayerModel>();
  for (const scope of scopes) {
    for (const [logicalId, resource] of scope.resources()) {
      if (resource.Type !== 'AWS::Lambda::LayerVersion') continue;
      const arn = scope.tryResolve({ Ref: logicalId }, { stackName: scope.stackName, logicalId });
      if (typeof arn !== 'string') continue;
      const content = assetDirectory(scope, logicalId, resource, 'Content');
      index.set(
        arn,
        content.kind === 'directory'
          ? { kind: 'directory', arn, ref: { stackName: scope.stackName, logicalId }, path: content.path }
          : { kind: 'unavailable', arn, reason: content.reason },
      );
    }
  }
  return index;
}

/**
 * A function's `Layers`: each entry resolved and found in the index; an entry that is no layer of the
 * assembly (an ARN of a published layer) is reported by name and kept as unavailable, so the start-up says
 * what the handler will miss.
 */
export function readLayers(scope: StackScope, logicalId: string, raw: unknown, index: LayerIndex): LayerModel[] | undefined {
  if (raw === undefined) return undefined;
  const at = { stackName: scope.stackName, logicalId, property: 'Layers' };
  const resolved = scope.tryResolve(raw, at);
  if (!Array.isArray(resolved)) return undefined;
  const layers: LayerModel[] = [];
  for (const entry of resolved) {
    if (typeof entry !== 'string') continue;
    const layer = index.get(entry) ?? {
      kind: 'unavailable',
      arn: entry,
      reason: 'it is not a layer of the cloud assembly (a published layer?), so its files are not available locally',
    };
    if (layer.kind === 'unavailable') {
      scope.diagnostics.warning('LAYER_UNAVAILABLE', at, `layer ${layer.arn}: ${layer.reason}; code the handler takes from it will be missing`);
    }
    layers.push(layer);
  }
  return layers;
}
