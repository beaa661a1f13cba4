import { serviceOfSubtype, type AwsServiceName } from '../http/aws-service-actions.js';
import { findBackend } from '../http/upstream-target.js';
import type { GatewayModel, HttpProxyIntegrationModel } from '../model/index.js';

/** The `--backend` / `--parameter` values of the options, by the key they were given under. */
export interface Overrides {
  readonly backends: ReadonlyMap<string, string>;
  readonly parameters: Readonly<Record<string, string>>;
  /** `--service-endpoint` keys. */
  readonly serviceEndpoints?: ReadonlyMap<string, string>;
}

/**
 * Keys of `backends` and `parameters` that match nothing in `model`, each as a sentence that lists what does
 * exist: a misspelt key would otherwise be ignored without a word. At start-up these are an error; after a
 * watch-mode reload, a warning (the edit may be on its way).
 */
export function unmatchedOverrides(model: GatewayModel, overrides: Overrides): string[] {
  const problems: string[] = [];
  const integrations = model.apis.flatMap((api) =>
    [...api.integrations.values()].filter((integration): integration is HttpProxyIntegrationModel => integration.kind === 'http-proxy'),
  );
  for (const key of overrides.backends.keys()) {
    const probe = new Map([[key, key]]);
    if (integrations.some((integration) => findBackend(integration, probe) !== undefined)) continue;
    const known = integrations.map((integration) => integration.ref.logicalId);
    problems.push(`backend '${key}' matches no HTTP integration; ${listOf('HTTP integrations (logical ids)', known)}`);
  }
  const parameterNames = new Set((model.stacks ?? []).flatMap((stack) => stack.parameterNames));
  for (const name of Object.keys(overrides.parameters)) {
    if (parameterNames.has(name)) continue;
    problems.push(`parameter '${name}' matches no template parameter; ${listOf('parameters', [...parameterNames])}`);
  }
  const services = new Set(
    model.apis.flatMap((api) => [...api.integrations.values()].flatMap((integration) => (integration.kind === 'aws-service' ? [serviceOfSubtype(integration.subtype)] : []))),
  );
  for (const service of overrides.serviceEndpoints?.keys() ?? []) {
    if (services.has(service as AwsServiceName)) continue;
    problems.push(`service endpoint '${service}' names no service the template integrates with; ${listOf('services with AWS service integrations', [...services])}`);
  }
  return problems;
}

function listOf(what: string, names: readonly string[]): string {
  const unique = [...new Set(names)].sort();
  return unique.length === 0 ? `the model has no ${what}` : `the ${what}: ${unique.join(', ')}`;
}
