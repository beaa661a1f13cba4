import { randomBytes, randomUUID } from 'node:crypto';

const ID_BYTES = 11;
/** Random bytes are drawn for 256 ids at once: one `randomBytes` call per request showed up in profiles. */
const POOL_BYTES = ID_BYTES * 256;
let pool = Buffer.alloc(0);
let offset = 0;

/**
 * An API Gateway request id shaped like AWS's (`Mc7UVioPPHcEKPA=`: 11 random bytes in base64, so 15
 * characters and one `=`), used for `apigw-requestid` and `requestContext.requestId` (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html, https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html).
 */
export function newApigwRequestId(): string {
  if (offset + ID_BYTES > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const id = pool.toString('base64', offset, offset + ID_BYTES);
  offset += ID_BYTES;
  return id;
}

/** A Lambda request id (`context.awsRequestId`), UUID-shaped as Lambda's are. */
export function newLambdaRequestId(): string {
  return randomUUID();
}

/**
 * A WebSocket connection id shaped like AWS's (`R1kmxc2VNjMCFIA=`: 15 characters and one `=`). Drawn from
 * letters and digits only, so the id needs no escaping in a `@connections/{id}` URL.
 */
export function newConnectionId(): string {
  let id = '';
  for (const byte of randomBytes(15)) id += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return `${id}=`;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
