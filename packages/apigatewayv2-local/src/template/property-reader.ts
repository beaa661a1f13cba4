import type { Location } from './diagnostics.js';
import type { CfnResource } from './parse-template.js';
import type { StackScope } from './stack-scope.js';

/**
 * Typed access to one resource's resolved properties. A value that cannot be resolved, or has the wrong
 * type, is reported once (stack, logical id, property) and read as absent, so one bad property never
 * stops the rest of the template from loading.
 */
export class PropertyReader {
  constructor(
    readonly scope: StackScope,
    readonly logicalId: string,
    readonly resource: CfnResource,
  ) {}

  at(property?: string): Location {
    return { stackName: this.scope.stackName, logicalId: this.logicalId, ...(property ? { property } : {}) };
  }

  has(name: string): boolean {
    return this.resource.Properties?.[name] !== undefined;
  }

  /** The resolved value, or undefined (absent or unresolvable). */
  value(name: string): unknown {
    const raw = this.resource.Properties?.[name];
    return raw === undefined ? undefined : this.scope.tryResolve(raw, this.at(name));
  }

  string(name: string): string | undefined {
    const v = this.value(name);
    if (v === undefined || typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return this.invalid(name, 'a string', v);
  }

  boolean(name: string): boolean | undefined {
    const v = this.value(name);
    if (v === undefined || typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    return this.invalid(name, 'a boolean', v);
  }

  number(name: string): number | undefined {
    return this.numberFrom(name, this.value(name));
  }

  numberFrom(property: string, v: unknown): number | undefined {
    if (v === undefined) return undefined;
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    return Number.isFinite(n) ? n : this.invalid(property, 'a number', v);
  }

  stringList(name: string): string[] | undefined {
    const v = this.value(name);
    if (v === undefined) return undefined;
    if (typeof v === 'string') return [v];
    if (Array.isArray(v) && v.every((item) => typeof item === 'string')) return v;
    return this.invalid(name, 'a list of strings', v);
  }

  stringMap(name: string): Record<string, string> | undefined {
    return this.stringMapFrom(name, this.value(name));
  }

  stringMapFrom(property: string, v: unknown): Record<string, string> | undefined {
    if (v === undefined) return undefined;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return this.invalid(property, 'a map of strings', v);
    const out: Record<string, string> = {};
    for (const [key, item] of Object.entries(v)) {
      if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') out[key] = String(item);
      else return this.invalid(`${property}.${key}`, 'a string', item);
    }
    return out;
  }

  object(name: string): Record<string, unknown> | undefined {
    const v = this.value(name);
    if (v === undefined) return undefined;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return this.invalid(name, 'an object', v);
    return v as Record<string, unknown>;
  }

  invalid(property: string, expected: string, got: unknown): undefined {
    this.scope.diagnostics.warning('INVALID_PROPERTY', this.at(property), `expected ${expected}, got ${JSON.stringify(got)}; the property is ignored`);
    return undefined;
  }
}
