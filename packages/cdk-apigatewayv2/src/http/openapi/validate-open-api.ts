/** One rule a document breaks: where (JSON pointer), what AWS requires, what was there. */
export interface OpenApiProblem {
  readonly pointer: string;
  readonly rule: string;
  readonly value: unknown;
}

const OPERATIONS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'x-amazon-apigateway-any-method']);
const PATH_ITEM_FIELDS = new Set(['summary', 'description', 'parameters', 'servers', '$ref']);

function isObject(value: unknown): value is { [key: string]: unknown } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function token(text: string): string {
  return text.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * The shape rules API Gateway's HTTP API import applies that can be checked before deployment
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-open-api.html): an OpenAPI 3.0
 * document, route paths API Gateway accepts, integrations of HTTP API types, and security requirements that
 * name a declared scheme. Values that are tokens are not judged.
 */
export function validateOpenApiDocument(document: unknown): OpenApiProblem[] {
  const problems: OpenApiProblem[] = [];
  const add = (pointer: string, rule: string, value: unknown): void => void problems.push({ pointer, rule, value });
  if (!isObject(document)) {
    add('', 'must be an OpenAPI 3.0 document (an object)', document);
    return problems;
  }
  if (typeof document.openapi !== 'string' || !/^3\.0(\.\d+)?$/.test(document.openapi)) {
    add('/openapi', "must be an OpenAPI 3.0 version such as '3.0.1'", document.openapi ?? document.swagger);
    return problems;
  }
  if (!isObject(document.paths)) {
    add('/paths', 'must be an object of path items', document.paths);
    return problems;
  }
  const components = isObject(document.components) ? document.components : {};
  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
  const shared = isObject(components['x-amazon-apigateway-integrations']) ? components['x-amazon-apigateway-integrations'] : {};
  checkSecurity(document.security, '/security', schemes, add);
  for (const [path, item] of Object.entries(document.paths)) {
    const at = `/paths/${token(path)}`;
    const pathProblem = path === '/$default' ? undefined : checkPath(path);
    if (pathProblem !== undefined) add(at, pathProblem, path);
    if (!isObject(item)) {
      add(at, 'must be a path item object', item);
      continue;
    }
    for (const [key, operation] of Object.entries(item)) {
      const opAt = `${at}/${token(key)}`;
      if (!OPERATIONS.has(key)) {
        if (!PATH_ITEM_FIELDS.has(key) && !key.startsWith('x-')) add(opAt, 'must be get, put, post, delete, options, head, patch or x-amazon-apigateway-any-method (HTTP APIs route no other method)', key);
        continue;
      }
      if (!isObject(operation)) {
        add(opAt, 'must be an operation object', operation);
        continue;
      }
      checkSecurity(operation.security, `${opAt}/security`, schemes, add);
      let integration = operation['x-amazon-apigateway-integration'];
      let integrationAt = `${opAt}/x-amazon-apigateway-integration`;
      if (isObject(integration) && typeof integration.$ref === 'string') {
        const name = /^#\/components\/x-amazon-apigateway-integrations\/(.+)$/.exec(integration.$ref)?.[1];
        if (name === undefined || shared[name] === undefined) {
          add(`${integrationAt}/$ref`, 'must name an integration of #/components/x-amazon-apigateway-integrations', integration.$ref);
          continue;
        }
        integrationAt = integration.$ref.slice(1);
        integration = shared[name];
      }
      if (integration === undefined) continue;
      const type = isObject(integration) && typeof integration.type === 'string' ? integration.type.toLowerCase() : undefined;
      if (type !== 'aws_proxy' && type !== 'http_proxy') add(`${integrationAt}/type`, "must be 'aws_proxy' or 'http_proxy' (the integration types of HTTP APIs)", isObject(integration) ? integration.type : integration);
    }
  }
  return problems;
}

/** Why API Gateway refuses a route path, or undefined (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html). */
function checkPath(path: string): string | undefined {
  if (!path.startsWith('/')) return "must start with '/'";
  if (path === '/') return undefined;
  if (path.endsWith('/')) return "must not end with '/'";
  const parts = path.slice(1).split('/');
  for (const [index, part] of parts.entries()) {
    if (part === '') return 'must not contain empty segments';
    const variable = /^\{[^{}+]+(\+?)\}$/.exec(part);
    if (variable === null && /[{}]/.test(part)) return 'path variables must be whole segments';
    if (variable?.[1] === '+' && index !== parts.length - 1) return 'a greedy variable {name+} must be the last segment';
  }
  return undefined;
}

function checkSecurity(security: unknown, at: string, schemes: { [key: string]: unknown }, add: (pointer: string, rule: string, value: unknown) => void): void {
  if (security === undefined) return;
  if (!Array.isArray(security)) {
    add(at, 'must be a list of security requirements', security);
    return;
  }
  security.forEach((requirement, index) => {
    if (!isObject(requirement)) return;
    for (const name of Object.keys(requirement)) {
      if (schemes[name] === undefined) add(`${at}/${index}/${token(name)}`, 'must name a scheme of #/components/securitySchemes', name);
    }
  });
}
