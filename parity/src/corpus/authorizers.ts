import { CorpusApp } from '../synthesize';
import { inlineFunction } from './helpers';

/** JWT, user pool and Lambda authorizers, default authorizers and scopes, HttpAuthorizer built directly. */
export const authorizerApps: CorpusApp[] = [
  {
    name: 'JWT default authorizer with default scopes, a route-level authorizer, HttpNoneAuthorizer',
    source: 'reference: HttpApiProps.defaultAuthorizer/defaultAuthorizationScopes, HttpJwtAuthorizer, HttpNoneAuthorizer',
    build(k, stack) {
      const fn = inlineFunction(k, stack, 'Fn');
      const integration = new k.integrations.LambdaProxyIntegration({ handler: fn });
      const api = new k.apigw.HttpApi(stack, 'HttpApi', {
        defaultAuthorizer: new k.authorizers.HttpJwtAuthorizer({ jwtAudience: ['3131231'], jwtIssuer: 'https://test.us.auth0.com' }),
        defaultAuthorizationScopes: ['read:books'],
        defaultIntegration: integration,
      });
      api.addRoutes({ path: '/books', methods: [k.apigw.HttpMethod.GET, k.apigw.HttpMethod.POST], integration });
      api.addRoutes({ path: '/scoped', integration, authorizationScopes: ['write:books'] });
      api.addRoutes({ path: '/public', integration, authorizer: new k.apigw.HttpNoneAuthorizer() });
      api.addRoutes({
        path: '/named',
        integration,
        authorizer: new k.authorizers.HttpJwtAuthorizer({
          authorizerName: 'Named',
          jwtAudience: ['a', 'b'],
          jwtIssuer: 'https://issuer.example.com',
          identitySource: ['$request.header.X-Token'],
        }),
      });
    },
  },
  {
    name: 'user pool authorizer',
    source: 'reference: HttpUserPoolAuthorizer, UserPoolAuthorizerProps',
    build(k, stack) {
      const userPool = new k.cognito.UserPool(stack, 'UserPool');
      const userPoolClient = userPool.addClient('Client');
      const fn = inlineFunction(k, stack, 'Fn');
      const api = new k.apigw.HttpApi(stack, 'HttpApi');
      const authorizer = new k.authorizers.HttpUserPoolAuthorizer({ userPool, userPoolClient });
      api.addRoutes({ path: '/pets', methods: [k.apigw.HttpMethod.GET, k.apigw.HttpMethod.PUT], integration: new k.integrations.LambdaProxyIntegration({ handler: fn }), authorizer });
      api.addRoutes({
        path: '/eu',
        integration: new k.integrations.LambdaProxyIntegration({ handler: fn }),
        authorizer: new k.authorizers.HttpUserPoolAuthorizer({ userPool, userPoolClient, userPoolRegion: 'eu-west-1', authorizerName: 'Eu' }),
      });
    },
  },
  {
    name: 'Lambda authorizers: IAM and simple responses, cache TTL, identity sources',
    source: 'reference: HttpLambdaAuthorizer, HttpLambdaResponseType',
    build(k, stack) {
      const authFn = inlineFunction(k, stack, 'AuthFn');
      const fn = inlineFunction(k, stack, 'Fn');
      const integration = new k.integrations.LambdaProxyIntegration({ handler: fn });
      const api = new k.apigw.HttpApi(stack, 'HttpApi');
      const iam = new k.authorizers.HttpLambdaAuthorizer({ authorizerName: 'IamAuthorizer', handler: authFn });
      api.addRoutes({ path: '/iam', methods: [k.apigw.HttpMethod.GET, k.apigw.HttpMethod.POST], integration, authorizer: iam });
      api.addRoutes({
        path: '/simple',
        integration,
        authorizer: new k.authorizers.HttpLambdaAuthorizer({
          authorizerName: 'SimpleAuthorizer',
          handler: authFn,
          responseTypes: [k.authorizers.HttpLambdaResponseType.SIMPLE],
          resultsCacheTtl: k.cdk.Duration.seconds(0),
          identitySource: ['$request.header.Authorization', '$request.querystring.token'],
        }),
      });
    },
  },
  {
    name: 'HttpAuthorizer built directly and imported',
    source: 'reference: HttpAuthorizer, HttpAuthorizerProps, fromHttpAuthorizerAttributes',
    build(k, stack) {
      const fn = inlineFunction(k, stack, 'Fn');
      const api = new k.apigw.HttpApi(stack, 'HttpApi');
      new k.apigw.HttpAuthorizer(stack, 'Jwt', {
        httpApi: api,
        type: k.apigw.HttpAuthorizerType.JWT,
        identitySource: ['$request.header.Authorization'],
        jwtAudience: ['aud'],
        jwtIssuer: 'https://issuer.example.com',
      });
      new k.apigw.HttpAuthorizer(stack, 'Lambda', {
        httpApi: api,
        type: k.apigw.HttpAuthorizerType.LAMBDA,
        identitySource: ['$request.header.Authorization', '$request.header.X-Other'],
        authorizerUri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${fn.functionArn}/invocations`,
        enableSimpleResponses: true,
        resultsCacheTtl: k.cdk.Duration.minutes(1),
        authorizerName: 'direct',
      });
      const imported = k.apigw.HttpAuthorizer.fromHttpAuthorizerAttributes(stack, 'Imported', { authorizerId: 'abc123', authorizerType: 'CUSTOM' });
      api.addRoutes({ path: '/imported', integration: new k.integrations.LambdaProxyIntegration({ handler: fn }), authorizer: imported });
    },
  },
];
