/** A template with its `${stageVariables.x}` references replaced, or the first name the stage lacks. */
export type SubstitutionResult = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly missing: string };

const REFERENCE = /\$\{stageVariables\.([A-Za-z0-9_]+)\}/g;

/**
 * Replaces `${stageVariables.name}` in an integration URI or Lambda ARN with the serving stage's value
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-http.html, https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-stages.html). Values go in as
 * they are. A reference to a variable the stage does not define is reported, and the caller answers 500 (unconfirmed).
 */
export function substituteStageVariables(
  template: string,
  variables: Readonly<Record<string, string>>,
): SubstitutionResult {
  // Most templates (a function ARN, a backend URL) reference no stage variable.
  if (!template.includes('${stageVariables.')) return { ok: true, value: template };
  let missing: string | undefined;
  const value = template.replace(REFERENCE, (_whole, name: string) => {
    const found = Object.hasOwn(variables, name) ? variables[name] : undefined;
    if (found === undefined) {
      missing ??= name;
      return '';
    }
    return found;
  });
  return missing === undefined ? { ok: true, value } : { ok: false, missing };
}
