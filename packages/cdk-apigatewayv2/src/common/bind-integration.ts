import { createHash } from 'node:crypto';
import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { bindingScope } from '../private/binding-scope';
import { containsTokens, stableStringify } from '../private/stable-stringify';
import { IApi } from './api';
import { IIntegration } from './integration';

/**
 * One request to bind an integration configuration to an API, as made by a route (HTTP or WebSocket).
 *
 * Internal: not exported from the package root.
 */
export interface IntegrationBinding<C, R extends IIntegration> {
  /** The API the integration resource belongs to. */
  readonly api: IApi;
  /** The construct that binds (the route). New resources go under the API when it is in the same stack. */
  readonly scope: Construct;
  /**
   * The family of integration resource, used as construct id prefix and to keep families apart
   * (e.g. `HttpIntegration`, `WebSocketIntegration`).
   */
  readonly kind: string;
  /** The configuration returned by the route integration's `bind()`. */
  readonly config: C;
  /**
   * The plain data that decides whether two configurations are the same integration. Tokens in it are
   * resolved before comparing, so two references to the same function compare equal.
   * @default config
   */
  readonly identity?: unknown;
  /** Creates the integration resource the first time this configuration is bound to `api`. */
  readonly create: (scope: Construct, id: string, config: C) => R;
}

/** Integration resources already created, per API and then per serialized `kind` + identity. */
const bound = new WeakMap<IApi, Map<string, IIntegration>>();

/**
 * The one binding path for route integrations, shared by HTTP and WebSocket routes: returns the integration
 * resource already created on `api` for an equal configuration, or creates it.
 *
 * - One resource per (API, distinct configuration): every route of an API that binds an equal configuration
 *   reuses it, and one route integration object used on two APIs gets one resource on each.
 * - Equality is decided by a stable serialization (sorted keys) of the resolved identity; identities with tokens
 *   are resolved once per distinct unresolved text.
 * - The construct id is `<kind>-<hash of that serialization>`, so it depends on the configuration only, not on
 *   which route bound it first; the resource is created under the API itself (when the API is in the binding
 *   scope's stack), so its logical id does not depend on the route either.
 */
export function bindIntegration<C, R extends IIntegration>(binding: IntegrationBinding<C, R>): R {
  let integrations = bound.get(binding.api);
  if (!integrations) {
    integrations = new Map();
    bound.set(binding.api, integrations);
  }
  const identity = binding.identity ?? binding.config;
  const hasTokens = containsTokens(identity);
  // Resolving is the costly part of a binding (a Lambda integration's URI is a token), and one integration object
  // is typically bound by many routes with the same token text: remember the unresolved text too, so that
  // resolving runs once per distinct token text rather than once per route.
  const unresolved = hasTokens ? `${binding.kind}~${stableStringify(identity)}` : undefined;
  const known = unresolved === undefined ? undefined : integrations.get(unresolved);
  if (known) {
    // Safe: the keys start with `kind`, and one kind always creates the same resource type.
    return known as R;
  }

  // Resolving turns tokens into stable intrinsics (a token's text depends on creation order); literals need none.
  const resolved: unknown = hasTokens ? Stack.of(binding.scope).resolve(identity) : identity;
  const serialized = `${binding.kind}:${stableStringify(resolved)}`;
  let integration = integrations.get(serialized);
  if (!integration) {
    const parent = bindingScope(binding.api, binding.scope);
    const digest = createHash('sha256').update(serialized).digest('hex').slice(0, 16);
    integration = binding.create(parent, freeChildId(parent, `${binding.kind}-${digest}`), binding.config);
    integrations.set(serialized, integration);
  }
  if (unresolved !== undefined) {
    integrations.set(unresolved, integration);
  }
  return integration as R;
}

/** `id`, or `id-2`, `id-3`… if a construct already uses it (only on a hash collision or a user's clash). */
function freeChildId(parent: Construct, id: string): string {
  let candidate = id;
  for (let n = 2; parent.node.tryFindChild(candidate) !== undefined; n++) {
    candidate = `${id}-${n}`;
  }
  return candidate;
}
