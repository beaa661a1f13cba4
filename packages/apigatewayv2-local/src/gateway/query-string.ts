/** One query parameter, decoded. */
export interface QueryParameter {
  readonly name: string;
  readonly value: string;
}

/**
 * Parses a raw query string into decoded name/value pairs in order, duplicates kept (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html, https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html).
 * `+` decodes to a space, as API Gateway does [report: aws/aws-cdk#19827]; `a` without `=` has the
 * value `''`; empty pieces (`a=1&&b=2`) are skipped.
 */
export function parseQueryString(rawQueryString: string): QueryParameter[] {
  if (rawQueryString === '') return [];
  const parameters: QueryParameter[] = [];
  for (const piece of rawQueryString.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const name = decodeQueryComponent(eq === -1 ? piece : piece.slice(0, eq));
    const value = eq === -1 ? '' : decodeQueryComponent(piece.slice(eq + 1));
    parameters.push({ name, value });
  }
  return parameters;
}

function decodeQueryComponent(raw: string): string {
  const spaced = raw.replaceAll('+', ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** Parameters grouped by name (case-sensitive, https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html), values in order. */
export function groupQueryParameters(parameters: readonly QueryParameter[]): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const { name, value } of parameters) {
    const values = grouped.get(name);
    if (values) values.push(value);
    else grouped.set(name, [value]);
  }
  return grouped;
}
