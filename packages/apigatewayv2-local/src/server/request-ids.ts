import { randomBytes, randomUUID } from 'node:crypto';

/**
 * An API Gateway request id shaped like AWS's (`Mc7UVioPPHcEKPA=`: 11 random bytes in base64, so 15
 * characters and one `=`), used for `apigw-requestid` and `requestContext.requestId` (spec 2.2, 9.1).
 */
export function newApigwRequestId(): string {
  return randomBytes(11).toString('base64');
}

/** A Lambda request id (`context.awsRequestId`), UUID-shaped as Lambda's are. */
export function newLambdaRequestId(): string {
  return randomUUID();
}
