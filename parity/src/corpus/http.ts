import { CorpusApp } from '../synthesize';
import { inlineFunction } from './helpers';

const SEED_CORE = 'seeds/004 (core module README 1.123)';
const SEED_INTEGRATIONS = 'seeds/001, 002 (integrations README)';

/** HTTP API apps: routes, integrations, stages, CORS, directly built routes and integrations. */
export const httpApps: CorpusApp[] = [
  {
    name: 'books: HTTP proxy on GET /books, Lambda on ANY /books',
    source: `${SEED_CORE} Defining HTTP APIs`,
    build(k, stack) {
      const getBooksIntegration = new k.integrations.HttpProxyIntegration({ url: 'https://get-books-proxy.myproxy.internal' });
      const booksDefaultFn = inlineFunction(k, stack, 'BooksDefaultFn');
      const booksDefaultIntegration = new k.integrations.LambdaProxyIntegration({ handler: booksDefaultFn });
      const httpApi = new k.apigw.HttpApi(stack, 'HttpApi');
      httpApi.addRoutes({ path: '/books', methods: [k.apigw.HttpMethod.GET], integration: getBooksIntegration });
      httpApi.addRoutes({ path: '/books', methods: [k.apigw.HttpMethod.ANY], integration: booksDefaultIntegration });
    },
  },
  {
    name: 'disableExecuteApiEndpoint',
    source: `${SEED_CORE} Defining HTTP APIs`,
    build(k, stack) {
      new k.apigw.HttpApi(stack, 'HttpApi', { disableExecuteApiEndpoint: true });
    },
  },
  {
    name: 'default integration (HTTP proxy)',
    source: `${SEED_CORE} Defining HTTP APIs`,
    build(k, stack) {
      new k.apigw.HttpApi(stack, 'HttpProxyApi', {
        defaultIntegration: new k.integrations.HttpProxyIntegration({ url: 'http://example.com' }),
      });
    },
  },
  {
    name: 'Lambda proxy on GET /books',
    source: `${SEED_INTEGRATIONS} Lambda`,
    build(k, stack) {
      const booksFn = inlineFunction(k, stack, 'BooksDefaultFn');
      const booksIntegration = new k.integrations.LambdaProxyIntegration({ handler: booksFn });
      const httpApi = new k.apigw.HttpApi(stack, 'HttpApi');
      httpApi.addRoutes({ path: '/books', methods: [k.apigw.HttpMethod.GET], integration: booksIntegration });
    },
  },
  {
    name: 'HTTP proxy with a method, payload 1.0 Lambda',
    source: 'reference: HttpProxyIntegrationProps.method, LambdaProxyIntegrationProps.payloadFormatVersion',
    build(k, stack) {
      const fn = inlineFunction(k, stack, 'Fn');
      const httpApi = new k.apigw.HttpApi(stack, 'HttpApi', { apiName: 'named', description: 'described' });
      httpApi.addRoutes({
        path: '/proxy',
        methods: [k.apigw.HttpMethod.POST],
        integration: new k.integrations.HttpProxyIntegration({ url: 'https://example.com/post', method: k.apigw.HttpMethod.PUT }),
      });
      httpApi.addRoutes({
        path: '/v1',
        integration: new k.integrations.LambdaProxyIntegration({ handler: fn, payloadFormatVersion: k.apigw.PayloadFormatVersion.VERSION_1_0 }),
      });
    },
  },
  {
    name: 'one Lambda integration shared by several methods, paths and two APIs',
    source: 'reference: AddRoutesOptions.methods; issue 12 (shared integrations)',
    build(k, stack) {
      const fn = inlineFunction(k, stack, 'Shared');
      const other = inlineFunction(k, stack, 'Other');
      const shared = new k.integrations.LambdaProxyIntegration({ handler: fn });
      const api = new k.apigw.HttpApi(stack, 'HttpApi');
      api.addRoutes({ path: '/books', methods: [k.apigw.HttpMethod.GET, k.apigw.HttpMethod.POST, k.apigw.HttpMethod.DELETE], integration: shared });
      api.addRoutes({ path: '/books/{id}', methods: [k.apigw.HttpMethod.GET], integration: shared });
      api.addRoutes({ path: '/other', integration: new k.integrations.LambdaProxyIntegration({ handler: other }) });
      api.addRoutes({ path: '/again', integration: new k.integrations.LambdaProxyIntegration({ handler: fn }) });
      const second = new k.apigw.HttpApi(stack, 'SecondApi', { defaultIntegration: shared });
      second.addRoutes({ path: '/books', integration: shared });
    },
  },
  {
    name: 'CORS preflight',
    source: `${SEED_CORE} CORS (maxAge within API Gateway's limit)`,
    build(k, stack) {
      new k.apigw.HttpApi(stack, 'HttpProxyApi', {
        corsPreflight: {
          allowHeaders: ['Authorization'],
          allowMethods: [k.apigw.CorsHttpMethod.GET, k.apigw.CorsHttpMethod.HEAD, k.apigw.CorsHttpMethod.OPTIONS, k.apigw.CorsHttpMethod.POST],
          allowOrigins: ['*'],
          maxAge: k.cdk.Duration.days(1),
        },
      });
    },
  },
  {
    name: 'CORS with ANY among other methods, credentials, expose headers',
    source: 'reference: CorsPreflightOptions; issue 12 (ANY next to other methods)',
    build(k, stack) {
      new k.apigw.HttpApi(stack, 'Api', {
        corsPreflight: {
          allowCredentials: true,
          allowOrigins: ['https://example.com'],
          allowMethods: [k.apigw.CorsHttpMethod.ANY, k.apigw.CorsHttpMethod.GET],
          exposeHeaders: ['x-total'],
        },
      });
    },
  },
  {
    name: 'stages: HttpStage, addStage, no default stage',
    source: `${SEED_CORE} Publishing HTTP APIs, Metrics`,
    build(k, stack) {
      const api = new k.apigw.HttpApi(stack, 'HttpApi');
      const stage = new k.apigw.HttpStage(stack, 'Stage', { httpApi: api, stageName: 'beta' });
      api.addStage('prod', { stageName: 'prod', autoDeploy: true });
      new k.apigw.HttpStage(stack, 'DefaultNamed', { httpApi: new k.apigw.HttpApi(stack, 'NoStage', { createDefaultStage: false }) });
      api.metricClientError();
      stage.metricClientError();
      new k.cdk.CfnOutput(stack, 'Url', { value: stage.url });
    },
  },
  {
    name: 'HttpRoute and HttpIntegration built directly',
    source: 'reference: HttpRoute, HttpRouteKey, HttpIntegration',
    build(k, stack) {
      const fn = inlineFunction(k, stack, 'Fn');
      const api = new k.apigw.HttpApi(stack, 'HttpApi');
      new k.apigw.HttpRoute(stack, 'Route', {
        httpApi: api,
        routeKey: k.apigw.HttpRouteKey.with('/direct', k.apigw.HttpMethod.PATCH),
        integration: new k.integrations.LambdaProxyIntegration({ handler: fn }),
      });
      new k.apigw.HttpRoute(stack, 'Default', {
        httpApi: api,
        routeKey: k.apigw.HttpRouteKey.DEFAULT,
        integration: new k.integrations.HttpProxyIntegration({ url: 'https://example.com' }),
      });
      new k.apigw.HttpIntegration(stack, 'Integration', {
        httpApi: api,
        integrationType: k.apigw.HttpIntegrationType.HTTP_PROXY,
        integrationUri: 'https://example.com/raw',
        method: k.apigw.HttpMethod.GET,
        payloadFormatVersion: k.apigw.PayloadFormatVersion.VERSION_1_0,
      });
    },
  },
];
