/**
 * CloudFormation intrinsic functions, evaluated locally. Pure: everything the template cannot answer by
 * itself (parameters, resource ids, exports, conditions) comes from an `IntrinsicContext`.
 *
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */

/** What an intrinsic needs from its stack (and, for imports, the whole assembly). Each method may throw `UnresolvedValueError`. */
export interface IntrinsicContext {
  /** `Ref` to a parameter, pseudo parameter or resource. */
  ref(name: string): unknown;
  /** `Fn::GetAtt` of a resource. */
  getAtt(logicalId: string, attribute: string): unknown;
  /** Value of a named condition from the template's `Conditions`. */
  condition(name: string): boolean;
  /** `Fn::FindInMap` lookup in the template's `Mappings`. */
  findInMap(mapName: string, topLevelKey: string, secondLevelKey: string): unknown;
  /** `Fn::ImportValue`: the value exported under this name by some stack of the assembly. */
  importValue(exportName: string): unknown;
  /** The region `Fn::GetAZs ''` and `AWS::Region` mean. */
  readonly region: string;
}

/** Thrown when a value cannot be computed locally; callers turn it into a diagnostic. */
export class UnresolvedValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnresolvedValueError';
  }
}

/** What `Ref: AWS::NoValue` yields: the property or list element it occupies is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** A `${…}` reference that must survive resolution because API Gateway resolves it per request. */
const KEPT_SUB_PREFIXES = ['stageVariables.'];

type Handler = (arg: unknown, ctx: IntrinsicContext) => unknown;

const handlers: Readonly<Partial<Record<string, Handler>>> = {
  Ref: (arg, ctx) => ctx.ref(expectString(resolveIntrinsics(arg, ctx), 'Ref')),
  'Fn::GetAtt': (arg, ctx) => {
    const resolved = resolveIntrinsics(arg, ctx);
    if (typeof resolved === 'string') {
      const dot = resolved.indexOf('.');
      if (dot <= 0) throw new UnresolvedValueError(`Fn::GetAtt expects 'LogicalId.Attribute', got '${resolved}'`);
      return ctx.getAtt(resolved.slice(0, dot), resolved.slice(dot + 1));
    }
    const [logicalId, attribute] = expectArray(resolved, 'Fn::GetAtt', 2);
    return ctx.getAtt(expectString(logicalId, 'Fn::GetAtt logical id'), expectString(attribute, 'Fn::GetAtt attribute'));
  },
  'Fn::Join': (arg, ctx) => {
    const [delimiter, items] = expectArray(arg, 'Fn::Join', 2);
    const values = expectArray(resolveIntrinsics(items, ctx), 'Fn::Join list');
    return values.map((v) => scalarToString(v, 'Fn::Join element')).join(expectString(resolveIntrinsics(delimiter, ctx), 'Fn::Join delimiter'));
  },
  'Fn::Sub': (arg, ctx) => substitute(arg, ctx),
  'Fn::Select': (arg, ctx) => {
    const [index, list] = expectArray(arg, 'Fn::Select', 2);
    const i = Number(resolveIntrinsics(index, ctx));
    const values = expectArray(resolveIntrinsics(list, ctx), 'Fn::Select list');
    if (!Number.isInteger(i) || i < 0 || i >= values.length) {
      throw new UnresolvedValueError(`Fn::Select index ${String(index)} is out of range for a list of ${values.length}`);
    }
    return values[i];
  },
  'Fn::Split': (arg, ctx) => {
    const [delimiter, source] = expectArray(arg, 'Fn::Split', 2);
    const text = expectString(resolveIntrinsics(source, ctx), 'Fn::Split source');
    return text.split(expectString(resolveIntrinsics(delimiter, ctx), 'Fn::Split delimiter'));
  },
  'Fn::If': (arg, ctx) => {
    const [name, whenTrue, whenFalse] = expectArray(arg, 'Fn::If', 3);
    // Only the chosen branch is evaluated: the other may name resources dropped by the same condition.
    return resolveIntrinsics(ctx.condition(expectString(name, 'Fn::If condition')) ? whenTrue : whenFalse, ctx);
  },
  'Fn::Equals': (arg, ctx) => {
    const [a, b] = expectArray(resolveIntrinsics(arg, ctx), 'Fn::Equals', 2);
    return scalarToString(a, 'Fn::Equals') === scalarToString(b, 'Fn::Equals');
  },
  'Fn::Not': (arg, ctx) => {
    const [a] = expectArray(arg, 'Fn::Not', 1);
    return !expectBoolean(resolveIntrinsics(a, ctx), 'Fn::Not');
  },
  'Fn::And': (arg, ctx) => expectArray(arg, 'Fn::And').every((c) => expectBoolean(resolveIntrinsics(c, ctx), 'Fn::And')),
  'Fn::Or': (arg, ctx) => expectArray(arg, 'Fn::Or').some((c) => expectBoolean(resolveIntrinsics(c, ctx), 'Fn::Or')),
  Condition: (arg, ctx) => ctx.condition(expectString(arg, 'Condition')),
  'Fn::FindInMap': (arg, ctx) => {
    const [map, top, second] = expectArray(resolveIntrinsics(arg, ctx), 'Fn::FindInMap', 3);
    return ctx.findInMap(
      expectString(map, 'Fn::FindInMap map name'),
      scalarToString(top, 'Fn::FindInMap top-level key'),
      scalarToString(second, 'Fn::FindInMap second-level key'),
    );
  },
  'Fn::ImportValue': (arg, ctx) => ctx.importValue(expectString(resolveIntrinsics(arg, ctx), 'Fn::ImportValue')),
  'Fn::Base64': (arg, ctx) => Buffer.from(expectString(resolveIntrinsics(arg, ctx), 'Fn::Base64'), 'utf8').toString('base64'),
  'Fn::GetAZs': (arg, ctx) => {
    const region = expectString(resolveIntrinsics(arg, ctx) ?? '', 'Fn::GetAZs');
    const r = region === '' ? ctx.region : region;
    return ['a', 'b', 'c'].map((zone) => `${r}${zone}`);
  },
  'Fn::Cidr': (arg, ctx) => {
    const [block, count, bits] = expectArray(resolveIntrinsics(arg, ctx), 'Fn::Cidr', 3);
    return cidrSubnets(expectString(block, 'Fn::Cidr ipBlock'), Number(count), Number(bits));
  },
  'Fn::Length': (arg, ctx) => expectArray(resolveIntrinsics(arg, ctx), 'Fn::Length').length,
  'Fn::ToJsonString': (arg, ctx) => JSON.stringify(resolveIntrinsics(arg, ctx)),
};

/** True for a one-key object such as `{ Ref: … }` or `{ 'Fn::If': … }`. */
export function isIntrinsic(value: object): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

/**
 * Evaluates every intrinsic in `value`, depth first. `Ref: AWS::NoValue` removes the property or element
 * that holds it; at the top level it yields `NO_VALUE`. Throws `UnresolvedValueError` when something cannot
 * be computed.
 */
export function resolveIntrinsics(value: unknown, ctx: IntrinsicContext): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => resolveIntrinsics(item, ctx)).filter((item) => item !== NO_VALUE);
  }
  if (value === null || typeof value !== 'object') return value;
  const entries: [string, unknown][] = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1) {
    const [key, arg] = entries[0];
    const handler = handlers[key];
    // `Condition` is an intrinsic only inside `Conditions` expressions, where its argument is a name.
    if (handler && (key !== 'Condition' || typeof arg === 'string')) return handler(arg, ctx);
    if (key.startsWith('Fn::')) throw new UnresolvedValueError(`intrinsic function ${key} is not supported`);
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of entries) {
    const resolved = resolveIntrinsics(item, ctx);
    if (resolved !== NO_VALUE) out[key] = resolved;
  }
  return out;
}

/** `Fn::Sub` in both forms: a string, or `[string, { var: value }]`. */
function substitute(arg: unknown, ctx: IntrinsicContext): string {
  let template: string;
  let variables: Record<string, unknown> = {};
  if (typeof arg === 'string') {
    template = arg;
  } else {
    const [text, vars] = expectArray(arg, 'Fn::Sub', 2);
    template = expectString(text, 'Fn::Sub template');
    const resolvedVars = resolveIntrinsics(vars, ctx);
    if (resolvedVars === null || typeof resolvedVars !== 'object' || Array.isArray(resolvedVars)) {
      throw new UnresolvedValueError('Fn::Sub variables must be a map');
    }
    variables = resolvedVars as Record<string, unknown>;
  }
  return template.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
    // `${!Literal}` is the escape for a literal `${Literal}`.
    if (inner.startsWith('!')) return '${' + inner.slice(1) + '}';
    const name = inner.trim();
    if (Object.hasOwn(variables, name)) return scalarToString(variables[name], `Fn::Sub variable ${name}`);
    if (KEPT_SUB_PREFIXES.some((prefix) => name.startsWith(prefix))) return whole;
    const dot = name.indexOf('.');
    // Pseudo parameters contain `::`, never a dot; `Res.Attr` (and `Res.Outputs.Name`) is a GetAtt.
    const value = dot > 0 ? ctx.getAtt(name.slice(0, dot), name.slice(dot + 1)) : ctx.ref(name);
    return scalarToString(value, `Fn::Sub \${${name}}`);
  });
}

/** IPv4 `Fn::Cidr`: `count` subnets of `cidrBits` host bits, carved from the start of `block`. */
function cidrSubnets(block: string, count: number, cidrBits: number): string[] {
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(block);
  if (!match || !Number.isInteger(count) || !Number.isInteger(cidrBits) || cidrBits < 0 || cidrBits > 32) {
    throw new UnresolvedValueError(`Fn::Cidr cannot split '${block}' into ${count} subnets of ${cidrBits} bits`);
  }
  const base = match.slice(1, 5).reduce((acc, octet) => acc * 256 + Number(octet), 0);
  const size = 2 ** cidrBits;
  const prefix = 32 - cidrBits;
  const result: string[] = [];
  for (let i = 0; i < count; i++) {
    const start = base + i * size;
    const octets = [24, 16, 8, 0].map((shift) => Math.floor(start / 2 ** shift) % 256);
    result.push(`${octets.join('.')}/${prefix}`);
  }
  return result;
}

function expectArray(value: unknown, what: string, length?: number): unknown[] {
  if (!Array.isArray(value) || (length !== undefined && value.length < length)) {
    throw new UnresolvedValueError(`${what} expects a list${length === undefined ? '' : ` of ${length}`}, got ${describe(value)}`);
  }
  return value;
}

function expectString(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new UnresolvedValueError(`${what} expects a string, got ${describe(value)}`);
  return value;
}

function expectBoolean(value: unknown, what: string): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new UnresolvedValueError(`${what} expects a condition, got ${describe(value)}`);
}

/** Strings, numbers and booleans join and substitute as their text, as CloudFormation does. */
export function scalarToString(value: unknown, what: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new UnresolvedValueError(`${what} expects a string, got ${describe(value)}`);
}

function describe(value: unknown): string {
  if (value === NO_VALUE) return 'AWS::NoValue';
  if (value === undefined) return 'nothing';
  // JSON.stringify gives undefined for functions and symbols.
  return JSON.stringify(value) ?? typeof value;
}
