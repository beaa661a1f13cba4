/**
 * What an HTTP API Lambda authorizer returns.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html#http-api-lambda-authorizer.payload-format-response
 */
export enum HttpLambdaResponseType {
  /**
   * A simple response, `{ "isAuthorized": true, "context": {...} }`. Needs payload format 2.0, so an authorizer
   * that lists it receives the 2.0 event and has simple responses enabled.
   */
  SIMPLE = 'SIMPLE',

  /**
   * An IAM policy, `{ "principalId", "policyDocument", "context" }`. An authorizer that lists only this type
   * receives the payload format 1.0 event (`methodArn`, `authorizationToken`…).
   */
  IAM = 'IAM',
}
