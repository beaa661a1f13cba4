import * as path from 'node:path';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { HttpApi, HttpMethod } from 'cdk-apigatewayv2';
import { HttpProxyIntegration, LambdaProxyIntegration } from 'cdk-apigatewayv2/integrations';

/** Where `GET /books` is proxied to when the app is deployed (the seed's example endpoint). */
export const DEFAULT_BOOKS_BACKEND_URL = 'https://get-books-proxy.myproxy.internal';

export interface BooksApiStackProps extends StackProps {
  /**
   * The endpoint `GET /books` is proxied to. `npm start` passes a local books backend through the
   * `booksBackendUrl` context value instead.
   * @default DEFAULT_BOOKS_BACKEND_URL
   */
  readonly booksBackendUrl?: string;
}

/**
 * The seed's books API: `GET /books` goes to an HTTP endpoint, every other method on `/books` to a
 * Lambda function.
 */
export class BooksApiStack extends Stack {
  constructor(scope: Construct, id: string, props: BooksApiStackProps = {}) {
    super(scope, id, props);

    const getBooksIntegration = new HttpProxyIntegration({
      url: props.booksBackendUrl ?? DEFAULT_BOOKS_BACKEND_URL,
    });

    const booksDefaultFn = new lambda.Function(this, 'BooksDefaultFn', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'books.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, '..', 'lambda')),
    });
    const booksDefaultIntegration = new LambdaProxyIntegration({ handler: booksDefaultFn });

    const httpApi = new HttpApi(this, 'HttpApi');
    httpApi.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration: getBooksIntegration });
    httpApi.addRoutes({ path: '/books', methods: [HttpMethod.ANY], integration: booksDefaultIntegration });

    new CfnOutput(this, 'ApiEndpoint', { value: httpApi.apiEndpoint });
  }
}
