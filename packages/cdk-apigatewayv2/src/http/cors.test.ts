import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { describe, test } from 'vitest';
import { expectError } from '../../test/support/expect-error';
import { CorsHttpMethod, CorsPreflightOptions, HttpApi } from '../index';

function newStack(): Stack {
  return new Stack(new App(), 'Stack');
}

describe('HttpApi corsPreflight', () => {
  test('writes the CORS configuration of the API', () => {
    const stack = newStack();
    new HttpApi(stack, 'Api', {
      corsPreflight: {
        allowHeaders: ['Authorization'],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.HEAD, CorsHttpMethod.OPTIONS, CorsHttpMethod.POST],
        allowOrigins: ['*'],
        maxAge: Duration.days(1),
      },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: { AllowHeaders: ['Authorization'], AllowMethods: ['GET', 'HEAD', 'OPTIONS', 'POST'], AllowOrigins: ['*'], MaxAge: 86400 },
    });
  });

  test('allows credentials with explicit origins', () => {
    const stack = newStack();
    new HttpApi(stack, 'Api', { corsPreflight: { allowCredentials: true, allowOrigins: ['https://app.example.com:8443'], allowMethods: [CorsHttpMethod.ANY], exposeHeaders: ['X-Request-Id'] } });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: { AllowCredentials: true, AllowOrigins: ['https://app.example.com:8443'], AllowMethods: ['*'], ExposeHeaders: ['X-Request-Id'] },
    });
  });

  const invalid: [string, CorsPreflightOptions, string][] = [
    ['credentials with the origin *', { allowCredentials: true, allowOrigins: ['*'] }, `CORS preflight - allowCredentials is not supported when allowOrigin is '*': HttpApi corsPreflight.allowCredentials must not be true when allowOrigins contains '*', got allowOrigins [*] (at 'Stack/Api')`],
    ['a maxAge above one day', { maxAge: Duration.days(2) }, 'HttpApi corsPreflight.maxAge must be at most 86400 seconds, got 172800 seconds (at \'Stack/Api\')'],
    ['an origin with a path', { allowOrigins: ['https://example.com/app'] }, `HttpApi corsPreflight.allowOrigins entries must be '*' or 'scheme://host[:port]' without a path, got 'https://example.com/app' (at 'Stack/Api')`],
    ['an origin without scheme', { allowOrigins: ['example.com'] }, `HttpApi corsPreflight.allowOrigins entries must be '*' or 'scheme://host[:port]' without a path, got 'example.com' (at 'Stack/Api')`],
    ['a header name with a space', { allowHeaders: ['X Custom'] }, `HttpApi corsPreflight.allowHeaders entries must be header names or '*', got 'X Custom' (at 'Stack/Api')`],
    ['an empty expose header', { exposeHeaders: [''] }, `HttpApi corsPreflight.exposeHeaders entries must be header names or '*', got '' (at 'Stack/Api')`],
  ];

  test.each(invalid)('rejects %s', (_name, corsPreflight, message) => {
    expectError(() => new HttpApi(newStack(), 'Api', { corsPreflight }), message);
  });

  test('accepts ANY next to other methods, as 1.123 did, with a warning', () => {
    const stack = newStack();
    new HttpApi(stack, 'Api', { corsPreflight: { allowMethods: [CorsHttpMethod.ANY, CorsHttpMethod.GET] } });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: { AllowMethods: ['*', 'GET'] } });
    Annotations.fromStack(stack).hasWarning('/Stack/Api', Match.stringLikeRegexp("lists other methods next to ANY"));
  });
});
