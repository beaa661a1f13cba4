import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { describe, test } from 'vitest';
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

  test('warns that authorization scopes, which only JWT authorizers use, have no effect', () => {
    const stack = new Stack(new App(), 'Stack');
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({ path: '/books', integration, authorizer: new HttpIamAuthorizer(), authorizationScopes: ['read'] });
    Annotations.fromStack(stack).hasWarning('/Stack/Api/ANY--books', Match.stringLikeRegexp('take effect with a JWT authorizer only'));
  });
});
