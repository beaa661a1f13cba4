/** One header line: name as received (or as produced) and its value. Repeated names stay repeated. */
export type HeaderPair = readonly [name: string, value: string];
export type HeaderList = readonly HeaderPair[];

/** Lower-cased header names with every value, in arrival order (names are case-insensitive, https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html). */
export function groupHeaders(headers: HeaderList): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    const values = grouped.get(key);
    if (values) values.push(value);
    else grouped.set(key, [value]);
  }
  return grouped;
}

/** The values of one header, case-insensitively, in arrival order. */
export function headerValues(headers: HeaderList, name: string): string[] {
  const wanted = name.toLowerCase();
  return headers.filter(([n]) => n.toLowerCase() === wanted).map(([, v]) => v);
}

/** The first value of a header, or undefined. */
export function firstHeader(headers: HeaderList, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return headers.find(([n]) => n.toLowerCase() === wanted)?.[1];
}

export function hasHeader(headers: HeaderList, name: string): boolean {
  return firstHeader(headers, name) !== undefined;
}

/** Headers without those whose lower-cased name satisfies `drop`. */
export function withoutHeaders(headers: HeaderList, drop: (lowerName: string) => boolean): HeaderPair[] {
  return headers.filter(([name]) => !drop(name.toLowerCase()));
}
