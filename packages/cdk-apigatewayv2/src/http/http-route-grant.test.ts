import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { describe, expect, test } from 'vitest';
import { expectError } from '../../test/support/expect-error';
import { UrlIntegration } from '../../test/support/fake-route-integrations';
import { HttpIamAuthorizer } from '../authorizers';
import { HttpApi, HttpMethod, HttpRoute, HttpRouteKey } from '../index';

function newStack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
}

const integration = new UrlIntegration('https://example.com');
const tail = (stack: Stack, arn: string): unknown => (stack.resolve(arn) as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1].at(-1);

describe('HttpRoute routeArn and grantInvoke (aws-cdk-lib 2.x behaviour)', () => {
  test('routeArn cuts the path at its first variable, which becomes *', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const route = new HttpRoute(stack, 'Route', { httpApi: api, routeKey: HttpRouteKey.with('/books/{book}/reviews', HttpMethod.GET), integration });
    expect(tail(stack, route.routeArn)).toBe('/*/GET/books/*');
  });

  test('can grant invoke on an IAM-authorized route', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const route = new HttpRoute(stack, 'Route', {
      httpApi: api, routeKey: HttpRouteKey.with('/books', HttpMethod.GET), integration, authorizer: new HttpIamAuthorizer(),
    });
    const user = new iam.User(stack, 'User');
    route.grantInvoke(user);

    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Action: 'execute-api:Invoke',
          Effect: 'Allow',
          Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:eu-west-1:123456789012:', { Ref: 'ApiF70053CD' }, '/*/GET/books']] },
        }],
      },
    });
  });

  test('an ANY route can grant chosen methods, one resource each', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const route = new HttpRoute(stack, 'Route', { httpApi: api, routeKey: HttpRouteKey.with('/books'), integration, authorizer: new HttpIamAuthorizer() });
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
    route.grantInvoke(role, { httpMethods: [HttpMethod.GET, HttpMethod.POST] });

    const statement = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'))[0] as { Properties: { PolicyDocument: { Statement: { Resource: unknown[] }[] } } };
    expect(statement.Properties.PolicyDocument.Statement[0].Resource.map((arn) => JSON.stringify(arn).match(/\/\*\/[A-Z]+\/books/)?.[0]))
      .toEqual(['/*/GET/books', '/*/POST/books']);
  });

  test('throws when the route does not use IAM authorization', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const route = new HttpRoute(stack, 'Route', { httpApi: api, routeKey: HttpRouteKey.with('/books', HttpMethod.GET), integration });
    expectError(() => route.grantInvoke(new iam.User(stack, 'User')),
      "To use grantInvoke, you must use IAM authorization: HttpRoute grantInvoke needs a route with IAM authorization (HttpIamAuthorizer), got authorizationType 'NONE' (at 'Stack/Route')");
  });

  test('throws when asked for a method the route does not serve', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const route = new HttpRoute(stack, 'Route', { httpApi: api, routeKey: HttpRouteKey.with('/books', HttpMethod.GET), integration, authorizer: new HttpIamAuthorizer() });
    expectError(() => route.grantInvoke(new iam.User(stack, 'User'), { httpMethods: [HttpMethod.GET, HttpMethod.DELETE] }),
      "This route does not support granting invoke for all requested http methods: HttpRoute grantInvoke httpMethods must be the route's method GET, got ['GET', 'DELETE'] (at 'Stack/Route')");
  });
});
