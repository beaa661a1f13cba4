import { Difference } from './compare';

/**
 * The differences from 1.123 this project keeps on purpose, per corpus app. Only additions: a logical id that
 * 1.123 does not create (`added`). Each one is a row of the README table "Migrating from @aws-cdk 1.123".
 */
export interface KnownDifference {
  /** The corpus app (its `name`). */
  readonly app: string;
  /** The added resource's logical id. */
  readonly logicalId: string;
  /** Why ours adds it. */
  readonly reason: string;
}

export const KNOWN_DIFFERENCES: KnownDifference[] = [];

/** True when `difference` is one of the listed additions for `app`. */
export function isKnown(app: string, difference: Difference): boolean {
  return difference.kind === 'added'
    && KNOWN_DIFFERENCES.some((known) => known.app === app && known.logicalId === difference.logicalId);
}
