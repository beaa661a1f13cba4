import { parseJson } from '../gateway/json-path.js';
import type { IntegrationModel, IntegrationResponseModel } from '../model/index.js';
import { compileMappingTemplate, renderMappingTemplate, type TemplateInput } from './mapping-template.js';
import { compileSelectionExpression, evaluateSelectionExpression } from './selection-expression.js';

/**
 * Status of a MOCK integration whose request template is missing or renders no `statusCode`: unconfirmed
 * (AWS's examples always give `{"statusCode": 200}`); the call succeeds.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-mock-integration.html
 */
export const MOCK_DEFAULT_STATUS = 200;

const DEFAULT_KEY = '$default';

/** A template key chosen by a template selection expression (`\$default`, `$request.body.x`), else `$default`. */
function templateKey(expression: string | undefined, body: string): string {
  if (expression === undefined) return DEFAULT_KEY;
  const compiled = compileSelectionExpression(expression);
  return (compiled.ok ? evaluateSelectionExpression(compiled, body) : undefined) ?? DEFAULT_KEY;
}

/**
 * The template for a key, else the `$default` one. Without a selection expression, a single template is
 * used whatever its key (aws-cdk-lib's docs key one by content type, `application/json`, which a WebSocket
 * message never has; unconfirmed). Undefined when none applies.
 */
function chooseTemplate(templates: Readonly<Record<string, string>> | undefined, key: string, expression: string | undefined): string | undefined {
  if (templates === undefined) return undefined;
  if (Object.hasOwn(templates, key)) return templates[key];
  if (Object.hasOwn(templates, DEFAULT_KEY)) return templates[DEFAULT_KEY];
  const all = Object.values(templates);
  return expression === undefined && all.length === 1 ? all[0] : undefined;
}

/**
 * The integration request a client's message (or `$connect`, with an empty body) becomes: the request
 * template the integration's template selection expression picks, rendered; undefined when no template
 * applies (the body then passes through).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-data-transformations.html
 */
export function renderRequestTemplate(integration: IntegrationModel, input: TemplateInput): string | undefined {
  const template = chooseTemplate(integration.requestTemplates, templateKey(integration.templateSelectionExpression, input.body), integration.templateSelectionExpression);
  return template === undefined ? undefined : renderMappingTemplate(compileMappingTemplate(template), input);
}

/**
 * A MOCK integration's status: the `statusCode` its rendered request template gives
 * (`{"statusCode": 200}`), else `MOCK_DEFAULT_STATUS`.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-mock-integration.html
 */
export function mockStatus(renderedRequest: string | undefined): number {
  if (renderedRequest === undefined) return MOCK_DEFAULT_STATUS;
  const parsed = parseJson(renderedRequest);
  const value = parsed.ok && typeof parsed.value === 'object' && parsed.value !== null ? (parsed.value as { statusCode?: unknown }).statusCode : undefined;
  const status = typeof value === 'string' ? Number(value) : value;
  return typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599 ? status : MOCK_DEFAULT_STATUS;
}

/**
 * The integration response for a status (`$integration.response.statusCode` selects for MOCK and HTTP):
 * the first `/regex/` key matching the whole status code, else `$default`.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integration-responses.html
 */
export function selectIntegrationResponse(responses: readonly IntegrationResponseModel[] | undefined, statusCode: number): IntegrationResponseModel | undefined {
  const status = String(statusCode);
  const matching = (responses ?? []).find((response) => {
    const regex = /^\/(.*)\/$/s.exec(response.key);
    if (!regex) return false;
    try {
      return new RegExp(`^(?:${regex[1]})$`).test(status);
    } catch {
      return false;
    }
  });
  return matching ?? responses?.find((response) => response.key === DEFAULT_KEY);
}

/**
 * What a two-way route sends back for a non-proxy integration's answer: the selected integration
 * response's template rendered (its `$input` is the integration's answer body), else the body unchanged.
 * Undefined when nothing is to be sent (a MOCK without a matching integration response template).
 */
export function renderIntegrationResponse(
  integration: IntegrationModel,
  statusCode: number,
  input: TemplateInput,
): string | undefined {
  const response = selectIntegrationResponse(integration.integrationResponses, statusCode);
  const template = response && chooseTemplate(response.responseTemplates, templateKey(response.templateSelectionExpression, input.body), response.templateSelectionExpression);
  if (template === undefined) return integration.kind === 'mock' ? undefined : input.body;
  return renderMappingTemplate(compileMappingTemplate(template), input);
}
