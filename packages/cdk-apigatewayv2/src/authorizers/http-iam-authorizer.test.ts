import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { UrlIntegration } from '../../test/support/fake-route-integrations';
import { HttpApi, HttpMethod } from '../http';
import { HttpIamAuthorizer } from './http-iam-authorizer';

const integration = new UrlIntegration('https://backend.example.com');

describe('HttpIamAuthorizer', () => {
  test('marks routes AWS_IAM without creating an authorizer resource', () => {
    const stack = new Stack(new App(), 'Stack');
    const api = new HttpApi(stack, 'Api', { defaultAuthorizer: new HttpIamAuthorizer() });
    api.addRoutes({ path: '/books', methods: [HttpMethod.GET, HttpMethod.PUT], integration });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 0);
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 2);
    template.allResourcesProperties('AWS::ApiGatewayV2::Route', { AuthorizationType: 'AWS_IAM', AuthorizerId: Match.absent() });
  });

  test('rejects authorization scopes, which only JWT authorizers take', () => {
    const stack = new Stack(new App(), 'Stack');
    const api = new HttpApi(stack, 'Api');
    expect(() => api.addRoutes({ path: '/books', integration, authorizer: new HttpIamAuthorizer(), authorizationScopes: ['read'] }))
      .toThrow(/authorizationScopes are only valid with a JWT authorizer/);
  });
});
