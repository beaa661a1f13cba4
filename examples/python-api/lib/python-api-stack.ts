import * as path from 'node:path';
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { HttpApi, HttpMethod } from 'cdk-apigatewayv2';
import { LambdaProxyIntegration } from 'cdk-apigatewayv2/integrations';

/**
 * An HTTP API whose routes run a Python function: `GET /hello/{name}` and `POST /stats`, one
 * `LambdaProxyIntegration` (payload format 2.0) to `lambda/stats.py`.
 */
export class PythonApiStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);

    const statsFn = new lambda.Function(this, 'StatsFn', {
      runtime: lambda.Runtime.PYTHON_3_12,
      handler: 'stats.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, '..', 'lambda')),
      timeout: Duration.seconds(5),
    });
    const integration = new LambdaProxyIntegration({ handler: statsFn });

    const api = new HttpApi(this, 'PythonApi');
    api.addRoutes({ path: '/hello/{name}', methods: [HttpMethod.GET], integration });
    api.addRoutes({ path: '/stats', methods: [HttpMethod.POST], integration });

    new CfnOutput(this, 'ApiEndpoint', { value: api.apiEndpoint });
  }
}
