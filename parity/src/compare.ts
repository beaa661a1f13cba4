import { isDeepStrictEqual } from 'node:util';
import { ComparedResources } from './synthesize';

/** One way a template made by ours differs from the one 1.123 makes for the same app. */
export type Difference =
  | { readonly kind: 'missing'; readonly logicalId: string; readonly type: string }
  | { readonly kind: 'added'; readonly logicalId: string; readonly type: string }
  | { readonly kind: 'property'; readonly logicalId: string; readonly property: string; readonly v1: unknown; readonly ours: unknown };

/**
 * Compares the resources of both templates: a logical id only 1.123 has is `missing` (a migrated stack would
 * delete or replace it), one only ours has is `added`, and each top-level property whose value differs is a
 * `property` difference.
 */
export function compareTemplates(v1: ComparedResources, ours: ComparedResources): Difference[] {
  const differences: Difference[] = [];
  for (const [logicalId, resource] of Object.entries(v1)) {
    const mine = ours[logicalId];
    if (mine === undefined) {
      differences.push({ kind: 'missing', logicalId, type: resource.Type });
      continue;
    }
    const v1Props = resource.Properties ?? {};
    const ourProps = mine.Properties ?? {};
    for (const property of new Set([...Object.keys(v1Props), ...Object.keys(ourProps)])) {
      if (!isDeepStrictEqual(v1Props[property], ourProps[property])) {
        differences.push({ kind: 'property', logicalId, property, v1: v1Props[property], ours: ourProps[property] });
      }
    }
  }
  for (const [logicalId, resource] of Object.entries(ours)) {
    if (v1[logicalId] === undefined) {
      differences.push({ kind: 'added', logicalId, type: resource.Type });
    }
  }
  return differences;
}
