import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The one way this library refuses a configuration: every `throw` for bad input goes through {@link throwInvalid},
 * so each message has the same shape and names the same facts:
 *
 *     [<message of @aws-cdk 1.123 or aws-cdk-lib 2.x for the same condition>: ]<Class> <prop> <rule>, got <value>[ (at '<construct path>')]
 *
 * - The earlier message comes first where 1.123 threw for the condition (code that caught 1.123's error keeps
 *   matching), or, for a feature added after 1.123, where aws-cdk-lib 2.x throws for it.
 * - `<rule>` says what AWS accepts; the code that calls this cites the AWS page the rule comes from.
 * - The construct path is given whenever there is a construct (integration and authorizer classes are not
 *   constructs until they are bound to a route).
 *
 * Warnings (values AWS accepts but that are likely mistakes) do not come here: they go through
 * `Annotations.addWarningV2` with an id the user can acknowledge (see `lambda-policy-budget.ts`).
 */
export interface InvalidProp {
  /**
   * The class the user configured, as they wrote it (`HttpApi`, `HttpJwtAuthorizer`, `HttpRouteKey`).
   */
  readonly subject: string;

  /** The prop, attribute or argument at fault, dotted for nested props (`corsPreflight.maxAge`). */
  readonly prop: string;

  /** What AWS (or the library) requires, phrased to follow the prop: `must be 1 to 128 characters`. */
  readonly rule: string;

  /** The value received; rendered by {@link describeValue} unless `got` is given. */
  readonly value?: unknown;

  /** What was received, already worded (overrides `value`), e.g. `'x' which duplicates 'GET /x' at Stack/Api/GET--x`. */
  readonly got?: string;

  /**
   * The message @aws-cdk 1.123 threw for the same condition, or aws-cdk-lib 2.x's for a feature added after 1.123.
   * It comes first, verbatim.
   */
  readonly legacyMessage?: string;
}

/** The error every invalid configuration raises; `name` is `ValidationError`, as aws-cdk-lib names its own. */
export class InvalidPropError extends Error {
  /** The construct that refused the value, when there is one. */
  public readonly constructPath?: string;
  public readonly subject: string;
  public readonly prop: string;
  public readonly value: unknown;

  constructor(message: string, invalid: InvalidProp, constructPath: string | undefined) {
    super(message);
    this.name = 'ValidationError';
    this.constructPath = constructPath;
    this.subject = invalid.subject;
    this.prop = invalid.prop;
    this.value = invalid.value;
  }
}

/** Builds the message of {@link throwInvalid} (exported for warnings that want the same wording). */
export function invalidMessage(scope: IConstruct | undefined, invalid: InvalidProp): string {
  const got = invalid.got ?? describeValue(invalid.value);
  const at = scope === undefined ? '' : ` (at '${scope.node.path}')`;
  const own = `${invalid.subject} ${invalid.prop} ${invalid.rule}, got ${got}${at}`;
  if (invalid.legacyMessage === undefined) {
    return own;
  }
  // 1.123's messages end in a full stop, a colon or nothing: keep them verbatim, then ours.
  const separator = /[.:;]$/.test(invalid.legacyMessage) ? ' ' : ': ';
  return `${invalid.legacyMessage}${separator}${own}`;
}

/**
 * Refuses a configuration: throws an {@link InvalidPropError} worded as {@link InvalidProp} says.
 * @param scope the construct that refuses the value, or undefined when the check runs before there is one
 */
export function throwInvalid(scope: IConstruct | undefined, invalid: InvalidProp): never {
  throw new InvalidPropError(invalidMessage(scope, invalid), invalid, scope?.node.path);
}

/** How a received value is written in a message: strings quoted, lists bracketed, tokens named as such. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') {
    return Token.isUnresolved(value) ? `a token (${value})` : `'${value}'`;
  }
  if (Array.isArray(value)) return `[${value.map(describeValue).join(', ')}]`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (hasHumanString(value)) return value.toHumanString();
  if (typeof value === 'object') return JSON.stringify(value);
  return typeof value === 'function' ? `function ${value.name}` : typeof value;
}

function hasHumanString(value: unknown): value is { toHumanString(): string } {
  return typeof value === 'object' && value !== null && typeof (value as { toHumanString?: unknown }).toHumanString === 'function';
}
