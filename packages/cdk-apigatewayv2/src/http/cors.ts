import { Annotations, Duration } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { CfnApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { throwInvalid } from '../private/invalid';
import { isConcrete } from '../private/tokens';

/**
 * An HTTP method that CORS preflight responses may allow.
 */
export enum CorsHttpMethod {
  /** Any method. */
  ANY = '*',
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

/**
 * How API Gateway answers CORS preflight (`OPTIONS`) requests for an HTTP API. When set, API Gateway also
 * ignores CORS headers returned by the backends.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
 */
export interface CorsPreflightOptions {
  /**
   * Whether browsers may send credentials (cookies, authorization headers). Not allowed with the origin `*`.
   * @default false
   */
  readonly allowCredentials?: boolean;

  /**
   * Request headers the browser may send; `*` allows all.
   * @default - No Headers are allowed.
   */
  readonly allowHeaders?: string[];

  /**
   * Methods the browser may use.
   * @default - No Methods are allowed.
   */
  readonly allowMethods?: CorsHttpMethod[];

  /**
   * Origins that may call the API, e.g. `https://example.com`; `*` allows all.
   * @default - No Origins are allowed.
   */
  readonly allowOrigins?: string[];

  /**
   * Response headers the browser may read.
   * @default - No Expose Headers are allowed.
   */
  readonly exposeHeaders?: string[];

  /**
   * How long browsers may cache the preflight response, 0 to 86400 seconds.
   * @default Duration.seconds(0)
   */
  readonly maxAge?: Duration;
}

const MAX_AGE_SECONDS = 86400;
const HEADER_NAME = /^(\*|[!#$%&'*+.^_`|~0-9A-Za-z-]+)$/;
const ORIGIN = /^(\*|[a-z][a-z0-9+.-]*:\/\/(\*\.)?[^\s/*]+)$/i;

/** Validates CORS options and turns them into the `CorsConfiguration` of the API. */
export function renderCors(cors: CorsPreflightOptions, api: IConstruct): CfnApi.CorsProperty {
  const fail = (prop: string, rule: string, value: unknown): never =>
    throwInvalid(api, { subject: 'HttpApi', prop: `corsPreflight.${prop}`, rule, value });
  const origins = cors.allowOrigins ?? [];
  for (const origin of origins) {
    if (isConcrete(origin) && !ORIGIN.test(origin)) {
      fail('allowOrigins', "entries must be '*' or 'scheme://host[:port]' without a path", origin);
    }
  }
  if (cors.allowCredentials && origins.includes('*')) {
    // Starts with @aws-cdk 1.123's message for the same condition.
    throwInvalid(api, {
      legacyMessage: "CORS preflight - allowCredentials is not supported when allowOrigin is '*'",
      subject: 'HttpApi', prop: 'corsPreflight.allowCredentials', rule: "must not be true when allowOrigins contains '*'",
      got: `allowOrigins [${origins.join(', ')}]`,
    });
  }
  for (const [prop, headers] of [['allowHeaders', cors.allowHeaders], ['exposeHeaders', cors.exposeHeaders]] as const) {
    for (const header of headers ?? []) {
      if (isConcrete(header) && !HEADER_NAME.test(header)) {
        fail(prop, "entries must be header names or '*'", header);
      }
    }
  }
  const methods = cors.allowMethods ?? [];
  if (methods.includes(CorsHttpMethod.ANY) && methods.length > 1) {
    // @aws-cdk 1.123 accepted this and API Gateway's CORS documentation does not refuse it; '*' already allows
    // every method. https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
    Annotations.of(api).addWarningV2('cdk-apigatewayv2:corsAnyWithOtherMethods',
      `HttpApi corsPreflight.allowMethods lists other methods next to ANY ('*'), which already allows every method, got [${methods.join(', ')}]`);
  }
  const maxAge = cors.maxAge !== undefined && !cors.maxAge.isUnresolved() ? cors.maxAge.toSeconds() : undefined;
  if (maxAge !== undefined && maxAge > MAX_AGE_SECONDS) {
    throwInvalid(api, { subject: 'HttpApi', prop: 'corsPreflight.maxAge', rule: `must be at most ${MAX_AGE_SECONDS} seconds`, got: `${maxAge} seconds` });
  }
  return {
    allowCredentials: cors.allowCredentials,
    allowHeaders: cors.allowHeaders,
    allowMethods: cors.allowMethods,
    allowOrigins: cors.allowOrigins,
    exposeHeaders: cors.exposeHeaders,
    maxAge: cors.maxAge?.toSeconds(),
  };
}
