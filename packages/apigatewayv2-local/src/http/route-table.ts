import type { PathSegmentPattern, RouteModel } from '../model/index.js';
import type { RawSegment } from './request-path.js';

/** Ranks of segment kinds for the left-to-right comparison (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html): literal < {var} < {var+}. */
const SEGMENT_RANK = { literal: 0, variable: 1, greedy: 2 } as const;

interface CompiledRoute {
  readonly route: RouteModel;
  /** Upper-case method, or `ANY`. */
  readonly method: string;
  /** The path template, e.g. `/pets/{id}`. */
  readonly pathTemplate: string;
  readonly segments: readonly PathSegmentPattern[];
  /** (isGreedy, methodIsAny, per-segment kinds…): smaller wins (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html recommended algorithm). */
  readonly rank: readonly number[];
}

interface TrieNode {
  readonly literals: Map<string, TrieNode>;
  variable?: TrieNode;
  /** Routes whose template ends at this node. */
  readonly exact: CompiledRoute[];
  /** Routes whose greedy segment sits at this node's depth. */
  readonly greedy: CompiledRoute[];
}

/**
 * An API's HTTP routes compiled once into a segment trie, so one request visits only the branches its
 * path can match (cost grows with the path length, not with the number of routes).
 */
export interface RouteTable {
  readonly root: TrieNode;
  readonly defaultRoute?: RouteModel;
}

/** A route chosen for a request and the values of its path variables. */
export interface RouteMatch {
  readonly route: RouteModel;
  /** The template path (`/pets/{id}`), or `$default`. */
  readonly pathTemplate: string;
  /** Decoded values (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html); greedy values without the leading slash. Empty for `$default`. */
  readonly pathParameters: Readonly<Record<string, string>>;
  /** The same values as received (still percent-encoded), for HTTP proxy URI substitution. */
  readonly rawPathParameters: Readonly<Record<string, string>>;
}

export const DEFAULT_ROUTE_KEY = '$default';

function newNode(): TrieNode {
  return { literals: new Map(), exact: [], greedy: [] };
}

export function compileRouteTable(routes: readonly RouteModel[]): RouteTable {
  const root = newNode();
  let defaultRoute: RouteModel | undefined;
  for (const route of routes) {
    // The key was parsed by the template reader; routes without one (WebSocket keys) are not HTTP routes.
    const key = route.httpKey;
    if (key?.kind === 'default') {
      defaultRoute ??= route;
      continue;
    }
    if (key === undefined) continue;
    const segments = key.segments;
    const isGreedy = segments.at(-1)?.kind === 'greedy';
    const compiled: CompiledRoute = {
      route,
      method: key.method,
      pathTemplate: key.path,
      segments,
      rank: [isGreedy ? 1 : 0, key.method === 'ANY' ? 1 : 0, ...segments.map((s) => SEGMENT_RANK[s.kind])],
    };
    let node = root;
    for (const segment of segments) {
      if (segment.kind === 'greedy') break;
      if (segment.kind === 'literal') {
        let next = node.literals.get(segment.value);
        if (!next) node.literals.set(segment.value, (next = newNode()));
        node = next;
      } else {
        node = node.variable ??= newNode();
      }
    }
    (isGreedy ? node.greedy : node.exact).push(compiled);
  }
  return defaultRoute ? { root, defaultRoute } : { root };
}

function collectCandidates(node: TrieNode, segments: readonly RawSegment[], depth: number, out: CompiledRoute[]): void {
  if (depth === segments.length) {
    out.push(...node.exact);
    return;
  }
  // `{proxy+}` needs a non-empty remainder: `/pets/{proxy+}` does not match `/pets` nor `/pets/` (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html).
  if (node.greedy.length > 0 && !(depth === segments.length - 1 && segments[depth].decoded === '')) {
    out.push(...node.greedy);
  }
  const segment = segments[depth];
  const literal = node.literals.get(segment.decoded);
  if (literal) collectCandidates(literal, segments, depth + 1, out);
  // `{var}` never matches an empty segment (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html).
  if (node.variable && segment.decoded !== '') collectCandidates(node.variable, segments, depth + 1, out);
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return a.length - b.length;
}

/**
 * Picks the route for a method and a decoded routing path (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html): among templates that match, the
 * non-greedy before the greedy, the exact method before `ANY`, then literal < `{var}` < `{var+}` from the
 * left; no candidate → the `$default` route; none → undefined (404). A path served only for other methods
 * is not a match (no 405, https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html). Method comparison is case-sensitive, like HTTP.
 */
export function matchRoute(table: RouteTable, method: string, segments: readonly RawSegment[]): RouteMatch | undefined {
  const candidates: CompiledRoute[] = [];
  collectCandidates(table.root, segments, 0, candidates);
  let best: CompiledRoute | undefined;
  for (const candidate of candidates) {
    if (candidate.method !== method && candidate.method !== 'ANY') continue;
    if (!best || compareRanks(candidate.rank, best.rank) < 0) best = candidate;
  }
  if (best) return bindParameters(best, segments);
  if (table.defaultRoute) {
    return { route: table.defaultRoute, pathTemplate: DEFAULT_ROUTE_KEY, pathParameters: {}, rawPathParameters: {} };
  }
  return undefined;
}

function bindParameters(compiled: CompiledRoute, segments: readonly RawSegment[]): RouteMatch {
  const pathParameters: Record<string, string> = {};
  const rawPathParameters: Record<string, string> = {};
  compiled.segments.forEach((pattern, index) => {
    if (pattern.kind === 'variable') {
      pathParameters[pattern.name] = segments[index].decoded;
      rawPathParameters[pattern.name] = segments[index].raw;
    } else if (pattern.kind === 'greedy') {
      const rest = segments.slice(index);
      pathParameters[pattern.name] = rest.map((s) => s.decoded).join('/');
      rawPathParameters[pattern.name] = rest.map((s) => s.raw).join('/');
    }
  });
  return { route: compiled.route, pathTemplate: compiled.pathTemplate, pathParameters, rawPathParameters };
}
