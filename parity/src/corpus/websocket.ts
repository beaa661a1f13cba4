import { CorpusApp } from '../synthesize';
import { inlineFunction } from './helpers';

const SEED_CORE = 'seeds/004 (core module README 1.123) WebSocket API';

/** WebSocket APIs, routes, stages and their Lambda integrations. */
export const webSocketApps: CorpusApp[] = [
  {
    name: 'WebSocket API with $connect, $disconnect, $default and a stage',
    source: SEED_CORE,
    build(k, stack) {
      const connectHandler = inlineFunction(k, stack, 'ConnectHandler');
      const disconnetHandler = inlineFunction(k, stack, 'DisconnectHandler');
      const defaultHandler = inlineFunction(k, stack, 'DefaultHandler');
      const webSocketApi = new k.apigw.WebSocketApi(stack, 'mywsapi', {
        connectRouteOptions: { integration: new k.integrations.LambdaWebSocketIntegration({ handler: connectHandler }) },
        disconnectRouteOptions: { integration: new k.integrations.LambdaWebSocketIntegration({ handler: disconnetHandler }) },
        defaultRouteOptions: { integration: new k.integrations.LambdaWebSocketIntegration({ handler: defaultHandler }) },
      });
      const webSocketStage = new k.apigw.WebSocketStage(stack, 'mystage', { webSocketApi, stageName: 'dev', autoDeploy: true });
      new k.cdk.CfnOutput(stack, 'Url', { value: webSocketStage.url });
      new k.cdk.CfnOutput(stack, 'CallbackUrl', { value: webSocketStage.callbackUrl });
    },
  },
  {
    name: 'WebSocket addRoute sendmessage',
    source: `${SEED_CORE}; seeds/001 Lambda WebSocket Integration`,
    build(k, stack) {
      const messageHandler = inlineFunction(k, stack, 'MessageHandler');
      const webSocketApi = new k.apigw.WebSocketApi(stack, 'mywsapi');
      new k.apigw.WebSocketStage(stack, 'mystage', { webSocketApi, stageName: 'dev', autoDeploy: true });
      webSocketApi.addRoute('sendmessage', { integration: new k.integrations.LambdaWebSocketIntegration({ handler: messageHandler }) });
    },
  },
  {
    name: 'WebSocket integration shared by several routes, two stages, custom selection expression',
    source: 'reference: WebSocketApiProps, WebSocketRoute, WebSocketStage; issue 12 (shared WebSocket integration)',
    build(k, stack) {
      const handler = inlineFunction(k, stack, 'Handler');
      const shared = new k.integrations.LambdaWebSocketIntegration({ handler });
      const api = new k.apigw.WebSocketApi(stack, 'Api', {
        apiName: 'chat',
        description: 'chat api',
        routeSelectionExpression: '$request.body.type',
        connectRouteOptions: { integration: shared },
        defaultRouteOptions: { integration: shared },
      });
      api.addRoute('join', { integration: shared });
      new k.apigw.WebSocketRoute(stack, 'Leave', { webSocketApi: api, routeKey: 'leave', integration: shared });
      new k.apigw.WebSocketStage(stack, 'Dev', { webSocketApi: api, stageName: 'dev' });
      new k.apigw.WebSocketStage(stack, 'Prod', { webSocketApi: api, stageName: 'prod', autoDeploy: true });
    },
  },
];
