/**
 * A books-like template for the OpenAPI tests: Lambda and HTTP proxy integrations, path variables, a greedy
 * path, `ANY`, `$default`, a JWT authorizer with scopes, a Lambda authorizer, IAM, CORS and two stages.
 */
const fn = (name: string): object => ({
  Type: 'AWS::Lambda::Function',
  Properties: { FunctionName: name, Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::123456789012:role/r', Code: { ZipFile: 'exports.handler = async () => ({ statusCode: 200 })' } },
});
const lambdaUri = (logicalId: string): object => ({
  'Fn::Join': ['', ['arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/', { 'Fn::GetAtt': [logicalId, 'Arn'] }, '/invocations']],
});
const route = (key: string, target: string, extra: object = {}): object => ({
  Type: 'AWS::ApiGatewayV2::Route',
  Properties: { ApiId: { Ref: 'Api' }, RouteKey: key, Target: { 'Fn::Join': ['', ['integrations/', { Ref: target }]] }, ...extra },
});

export const BOOKS_TEMPLATE = {
  Resources: {
    BooksFn: fn('books'),
    AuthFn: fn('auth'),
    Api: {
      Type: 'AWS::ApiGatewayV2::Api',
      Properties: {
        Name: 'books',
        ProtocolType: 'HTTP',
        CorsConfiguration: { AllowOrigins: ['https://example.com'], AllowMethods: ['GET', 'POST'], AllowHeaders: ['authorization'], MaxAge: 600 },
      },
    },
    BooksIntegration: {
      Type: 'AWS::ApiGatewayV2::Integration',
      Properties: { ApiId: { Ref: 'Api' }, IntegrationType: 'AWS_PROXY', IntegrationUri: lambdaUri('BooksFn'), PayloadFormatVersion: '2.0' },
    },
    LegacyIntegration: {
      Type: 'AWS::ApiGatewayV2::Integration',
      Properties: {
        ApiId: { Ref: 'Api' },
        IntegrationType: 'HTTP_PROXY',
        IntegrationUri: 'https://legacy.example.com/{proxy}',
        IntegrationMethod: 'ANY',
        PayloadFormatVersion: '1.0',
        TimeoutInMillis: 10000,
        RequestParameters: { 'append:header.x-from': 'gateway' },
      },
    },
    Jwt: {
      Type: 'AWS::ApiGatewayV2::Authorizer',
      Properties: {
        ApiId: { Ref: 'Api' },
        Name: 'cognito',
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: { Issuer: 'https://issuer.example.com', Audience: ['books-client'] },
      },
    },
    Custom: {
      Type: 'AWS::ApiGatewayV2::Authorizer',
      Properties: {
        ApiId: { Ref: 'Api' },
        Name: 'custom',
        AuthorizerType: 'REQUEST',
        AuthorizerUri: lambdaUri('AuthFn'),
        AuthorizerPayloadFormatVersion: '2.0',
        EnableSimpleResponses: true,
        IdentitySource: ['$request.header.X-Token'],
        AuthorizerResultTtlInSeconds: 60,
      },
    },
    ListBooks: route('GET /books', 'BooksIntegration'),
    GetBook: route('GET /books/{id}', 'BooksIntegration', { AuthorizationType: 'JWT', AuthorizerId: { Ref: 'Jwt' }, AuthorizationScopes: ['books/read'] }),
    AddBook: route('POST /books', 'BooksIntegration', { AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: 'Custom' } }),
    DeleteBook: route('DELETE /books/{id}', 'BooksIntegration', { AuthorizationType: 'AWS_IAM' }),
    Legacy: route('ANY /legacy/{proxy+}', 'LegacyIntegration'),
    Fallback: route('$default', 'BooksIntegration'),
    DefaultStage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Api' }, StageName: '$default', AutoDeploy: true } },
    ProdStage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Api' }, StageName: 'prod', AutoDeploy: true } },
  },
};
