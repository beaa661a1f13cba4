/**
 * The HTTP method of a route.
 */
export enum HttpMethod {
  /** Any method that has no route of its own. */
  ANY = 'ANY',
  /** DELETE */
  DELETE = 'DELETE',
  /** GET */
  GET = 'GET',
  /** HEAD */
  HEAD = 'HEAD',
  /** OPTIONS */
  OPTIONS = 'OPTIONS',
  /** PATCH */
  PATCH = 'PATCH',
  /** POST */
  POST = 'POST',
  /** PUT */
  PUT = 'PUT',
}
