import * as path from 'node:path';
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { WebSocketApi, WebSocketStage } from 'cdk-apigatewayv2';
import { LambdaWebSocketIntegration } from 'cdk-apigatewayv2/integrations';

/** The stage clients connect to: `wss://{apiId}.execute-api.{region}.amazonaws.com/dev`. */
export const CHAT_STAGE_NAME = 'dev';

/**
 * The seed's WebSocket API as a chat: `$connect`, `$disconnect`, `$default` and a `sendmessage` route, all
 * integrated with one Lambda function that broadcasts messages through the `@connections` management API.
 */
export class ChatStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);

    const chatHandler = new lambda.Function(this, 'ChatHandler', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'chat.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, '..', 'lambda')),
      timeout: Duration.seconds(10),
    });
    const integration = new LambdaWebSocketIntegration({ handler: chatHandler });

    const webSocketApi = new WebSocketApi(this, 'ChatApi', {
      connectRouteOptions: { integration },
      disconnectRouteOptions: { integration },
      defaultRouteOptions: { integration },
    });
    webSocketApi.addRoute('sendmessage', { integration });

    const stage = new WebSocketStage(this, 'DevStage', { webSocketApi, stageName: CHAT_STAGE_NAME, autoDeploy: true });
    // PostToConnection, GetConnection and DeleteConnection on this stage's connections.
    stage.grantManageConnections(chatHandler);

    new CfnOutput(this, 'ChatUrl', { value: stage.url });
    new CfnOutput(this, 'CallbackUrl', { value: stage.callbackUrl });
  }
}
