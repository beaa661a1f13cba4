/**
 * Remembers which construct claimed a key (a route key, a stage name, a mapping key) on an owner (an API,
 * a domain name), so a second claim can be rejected at synth with the path of the first one.
 *
 * Keyed by object identity, so it works for imported resources too and is garbage-collected with the app.
 */
const claims = new WeakMap<object, Map<string, string | (() => string)>>();

/** What {@link claimUniqueKey} needs. */
export interface UniqueKeyClaim {
  /** The object the key must be unique on. */
  readonly owner: object;
  /** The key, already normalized by the caller (e.g. route keys with variable names erased). */
  readonly key: string;
  /**
   * Who claims the key, usually a construct path; reported back to a later conflicting claim. A function is called
   * only then (a construct path is built from the whole tree above the construct: HTTP routes claim one each).
   */
  readonly claimant: string | (() => string);
}

/**
 * Claims `key` on `owner`.
 * @returns `undefined` when the key was free, otherwise the claimant that holds it already
 */
export function claimUniqueKey(claim: UniqueKeyClaim): string | undefined {
  let keys = claims.get(claim.owner);
  if (!keys) {
    keys = new Map();
    claims.set(claim.owner, keys);
  }
  const holder = keys.get(claim.key);
  if (holder !== undefined) {
    return typeof holder === 'string' ? holder : holder();
  }
  keys.set(claim.key, claim.claimant);
  return undefined;
}
