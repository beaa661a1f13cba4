import type { StackScope } from './stack-scope.js';

/**
 * How a reader treats the properties of one resource type. Every property falls in one list, so nothing
 * that changes behaviour is skipped silently: a property in none of them is reported as unknown.
 */
export interface PropertyRules {
  /** Properties the reader turns into the model. */
  readonly read: readonly string[];
  /** Properties with no effect on local request handling (tags, logging, IAM …); dropped without a word. */
  readonly ignored: readonly string[];
  /** Properties that change behaviour but are not emulated: reported as warnings with the given reason. */
  readonly unsupported?: Readonly<Record<string, string>>;
}

/** Reports `unsupported` and unknown properties of one resource. */
export function reportUnknownProperties(scope: StackScope, logicalId: string, properties: Readonly<Record<string, unknown>>, rules: PropertyRules): void {
  for (const name of Object.keys(properties)) {
    if (rules.read.includes(name) || rules.ignored.includes(name)) continue;
    const at = { stackName: scope.stackName, logicalId, property: name };
    const reason = rules.unsupported?.[name];
    scope.diagnostics.warning('UNSUPPORTED_PROPERTY', at, reason ?? `property ${name} is not known to the local gateway and has no effect`);
  }
}
