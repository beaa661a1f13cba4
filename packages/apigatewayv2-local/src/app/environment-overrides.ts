import { readFileSync } from 'node:fs';
import { GatewayError } from '../errors.js';
import { resourceKey, type FunctionModel, type GatewayModel } from '../model/index.js';

/**
 * Environment overrides in the shape of SAM's `--env-vars` file: variables by function logical id, and under
 * `Parameters` variables for every function that has them
 * (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-sam-cli-using-invoke.html#serverless-sam-cli-using-invoke-environment-file).
 * A function may also be named `stackName/logicalId` when several stacks hold the same logical id.
 */
export type EnvironmentOverrides = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** The key under which variables apply to every function that has them. */
export const PARAMETERS_KEY = 'Parameters';

/** One set of overrides and how the start-up table names where its values came from. */
export interface OverrideSource {
  /** e.g. `--env`, `env file ./env.json`. */
  readonly label: string;
  readonly overrides: EnvironmentOverrides;
}

/**
 * Replaces variables of the model's functions with overrides, the sources in order (later ones win) and, in
 * each, `Parameters` before a function's own entry. Only variables a function's template declares are
 * replaced, as SAM does; a function or a variable the template lacks is an error listing what exists, so
 * that a misspelt name is not ignored without a word.
 */
export function applyEnvironmentOverrides(model: GatewayModel, sources: readonly OverrideSource[]): GatewayModel {
  if (sources.length === 0) return model;
  const problems: string[] = [];
  const changes = new Map<FunctionModel, { environment: Record<string, string>; origins: Record<string, string> }>();
  const change = (fn: FunctionModel) => {
    let entry = changes.get(fn);
    if (entry === undefined) {
      entry = { environment: { ...fn.environment }, origins: { ...fn.environmentOrigins } };
      changes.set(fn, entry);
    }
    return entry;
  };
  for (const { label, overrides } of sources) {
    const { [PARAMETERS_KEY]: parameters = {}, ...byFunction } = overrides;
    for (const [name, value] of Object.entries(parameters)) {
      const having = model.functions.filter((fn) => Object.hasOwn(fn.environment, name));
      if (having.length === 0) {
        problems.push(`${label}: ${PARAMETERS_KEY}.${name} matches no variable of any function; ${listOf('variables', model.functions.flatMap((fn) => Object.keys(fn.environment)))}`);
      }
      for (const fn of having) {
        const entry = change(fn);
        entry.environment[name] = value;
        entry.origins[name] = `${label} (${PARAMETERS_KEY})`;
      }
    }
    for (const [key, variables] of Object.entries(byFunction)) {
      const fn = model.functions.find((candidate) => candidate.ref.logicalId === key || resourceKey(candidate.ref) === key);
      if (fn === undefined) {
        problems.push(`${label}: '${key}' names no function; ${listOf('functions (logical ids)', model.functions.map((candidate) => candidate.ref.logicalId))}`);
        continue;
      }
      for (const [name, value] of Object.entries(variables)) {
        if (!Object.hasOwn(fn.environment, name)) {
          problems.push(`${label}: function ${key} has no variable ${name} in the template; ${listOf('variables of ' + key, Object.keys(fn.environment))}`);
          continue;
        }
        const entry = change(fn);
        entry.environment[name] = value;
        entry.origins[name] = label;
      }
    }
  }
  if (problems.length > 0) throw new GatewayError('INVALID_OPTION', problems.join('\n'));
  return {
    ...model,
    functions: model.functions.map((fn) => {
      const entry = changes.get(fn);
      return entry === undefined ? fn : { ...fn, environment: entry.environment, environmentOrigins: entry.origins };
    }),
  };
}

function listOf(what: string, names: readonly string[]): string {
  const unique = [...new Set(names)].sort();
  return unique.length === 0 ? `there are no ${what}` : `the ${what}: ${unique.join(', ')}`;
}

/**
 * Reads an env file in SAM's JSON shape. A file that is not valid JSON is an error naming the line and
 * column; values must be strings, numbers or booleans (as SAM accepts them), turned into text.
 */
export function readEnvFile(path: string): EnvironmentOverrides {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new GatewayError('INVALID_OPTION', `env file ${path} cannot be read: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const { line, column } = jsonErrorPosition(text, (error as Error).message);
    throw new GatewayError('INVALID_OPTION', `env file ${path} is not valid JSON at line ${line}, column ${column}: ${(error as Error).message}`);
  }
  return checkOverrides(parsed, `env file ${path}`);
}

/** Checks `{ key: { NAME: value } }` and turns values into text; used for the `env` option too. */
export function checkOverrides(value: unknown, label: string): EnvironmentOverrides {
  if (!isRecord(value)) throw new GatewayError('INVALID_OPTION', `${label} must be a JSON object of { "FunctionLogicalId": { "NAME": "value" } }`);
  const out: Record<string, Record<string, string>> = {};
  for (const [key, variables] of Object.entries(value)) {
    if (!isRecord(variables)) throw new GatewayError('INVALID_OPTION', `${label}: '${key}' must map variable names to values, got ${JSON.stringify(variables)}`);
    const entry: Record<string, string> = {};
    for (const [name, text] of Object.entries(variables)) {
      if (typeof text !== 'string' && typeof text !== 'number' && typeof text !== 'boolean') {
        throw new GatewayError('INVALID_OPTION', `${label}: ${key}.${name} must be a string, number or boolean, got ${JSON.stringify(text)}`);
      }
      entry[name] = String(text);
    }
    out[key] = entry;
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Line and column (from 1) of a `JSON.parse` error: Node.js names a `position` (older versions) or a line
 * and column itself; an error at the end of the text points past its last character.
 */
export function jsonErrorPosition(text: string, message: string): { line: number; column: number } {
  const named = /line (\d+) column (\d+)/.exec(message);
  if (named) return { line: Number(named[1]), column: Number(named[2]) };
  const at = /position (\d+)/.exec(message);
  const offset = at ? Number(at[1]) : text.length;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
