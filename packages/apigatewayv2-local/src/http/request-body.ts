/** The request body as a Lambda event carries it. */
export interface EventBody {
  /** Undefined when the request had no body. */
  readonly body?: string;
  readonly isBase64Encoded: boolean;
}

/** Content types passed as UTF-8 text; everything else is base64 (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html, measured list). */
const TEXT_TYPES = new Set(['application/json', 'application/xml', 'application/javascript']);

/**
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html: text only for `text/*` and the three listed `application/*` types (parameters such as
 * `; charset=` ignored); any other type, `+json` suffixes, form posts and a missing `Content-Type` are
 * base64-encoded. No body → no `body`, `isBase64Encoded: false`.
 */
export function encodeEventBody(body: Buffer, contentType: string | undefined): EventBody {
  if (body.length === 0) return { isBase64Encoded: false };
  if (contentType !== undefined && isTextContentType(contentType)) {
    return { body: body.toString('utf8'), isBase64Encoded: false };
  }
  return { body: body.toString('base64'), isBase64Encoded: true };
}

export function isTextContentType(contentType: string): boolean {
  const mediaType = contentType.split(';', 1)[0].trim().toLowerCase();
  return mediaType.startsWith('text/') || TEXT_TYPES.has(mediaType);
}
