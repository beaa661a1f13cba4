import type { WebSocketRouteIntegrationConfig } from './integration';

/**
 * The text that decides which routes share an integration resource: the config with the role as its ARN and the
 * timeout in milliseconds. A Lambda proxy config yields `{type, uri}` exactly, as @aws-cdk 1.123 hashed it, so
 * migrated integrations keep their logical ids.
 */
export function integrationSharingKey(config: WebSocketRouteIntegrationConfig): object {
  const timeout = config.timeout;
  return {
    type: config.type,
    uri: config.uri,
    method: config.method,
    contentHandling: config.contentHandling,
    credentialsArn: config.credentialsRole?.roleArn,
    requestTemplates: config.requestTemplates,
    requestParameters: config.requestParameters,
    templateSelectionExpression: config.templateSelectionExpression,
    timeout: timeout === undefined ? undefined : timeout.isUnresolved() ? timeout.toString() : timeout.toMilliseconds(),
    passthroughBehavior: config.passthroughBehavior,
    responses: config.responses?.map((response) => ({ ...response, responseKey: response.responseKey.key })),
  };
}

