import type { WebSocketIntegrationRequestOptions } from '../../websocket';

/** The request and response settings of a WebSocket integration's props, as its bind() config carries them. */
export function webSocketRequestOptions(props: WebSocketIntegrationRequestOptions): WebSocketIntegrationRequestOptions {
  return {
    contentHandling: props.contentHandling,
    requestParameters: props.requestParameters,
    requestTemplates: props.requestTemplates,
    templateSelectionExpression: props.templateSelectionExpression,
    timeout: props.timeout,
    passthroughBehavior: props.passthroughBehavior,
    responses: props.responses,
  };
}
