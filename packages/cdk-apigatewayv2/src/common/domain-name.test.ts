import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { describe, expect, test } from 'vitest';
import { expectError } from '../../test/support/expect-error';
import { DomainName } from '../index';

function newStack(): Stack {
  return new Stack(new App(), 'Stack');
}

function certificate(stack: Stack): acm.ICertificate {
  return acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:us-east-1:111111111111:certificate/abc');
}

describe('DomainName', () => {
  test('creates a regional custom domain with the certificate', () => {
    const stack = newStack();
    const dn = new DomainName(stack, 'DN', { domainName: 'api.example.com', certificate: certificate(stack) });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'api.example.com',
      DomainNameConfigurations: [{ CertificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/abc', EndpointType: 'REGIONAL' }],
    });
    const logicalId = stack.getLogicalId(dn.node.defaultChild as CfnElement);
    expect(stack.resolve(dn.regionalDomainName)).toEqual({ 'Fn::GetAtt': [logicalId, 'RegionalDomainName'] });
    expect(stack.resolve(dn.regionalHostedZoneId)).toEqual({ 'Fn::GetAtt': [logicalId, 'RegionalHostedZoneId'] });
    // The name as given, as @aws-cdk 1.123 exposed it.
    expect(dn.name).toBe('api.example.com');
  });

  test('accepts a wildcard domain', () => {
    const stack = newStack();
    new DomainName(stack, 'DN', { domainName: '*.example.com', certificate: certificate(stack) });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::DomainName', { DomainName: '*.example.com' });
  });

  test('imports a domain by its attributes', () => {
    const dn = DomainName.fromDomainNameAttributes(newStack(), 'DN', { name: 'api.example.com', regionalDomainName: 'd-abc.execute-api.us-east-1.amazonaws.com', regionalHostedZoneId: 'Z1' });
    expect(dn.name).toBe('api.example.com');
    expect(dn.regionalHostedZoneId).toBe('Z1');
  });

  const invalid: [string, string][] = [
    ['API.example.com', `DomainName domainName must be lower case, got 'API.example.com' (at 'Stack/DN')`],
    ['localhost', `DomainName domainName must have at least two labels (e.g. 'api.example.com'), got 'localhost' (at 'Stack/DN')`],
    ['api..example.com', `DomainName domainName must not have an empty label (leading, trailing or double dot), got 'api..example.com' (at 'Stack/DN')`],
    ['api.example.com.', `DomainName domainName must not have an empty label (leading, trailing or double dot), got 'api.example.com.' (at 'Stack/DN')`],
    [`${'a'.repeat(64)}.example.com`, `DomainName domainName labels must be at most 63 characters, found '${'a'.repeat(64)}' (64), got '${'a'.repeat(64)}.example.com' (at 'Stack/DN')`],
    ['api_v1.example.com', `DomainName domainName labels must be letters, digits and inner hyphens (a '*' only as the whole first label), found 'api_v1', got 'api_v1.example.com' (at 'Stack/DN')`],
    ['api.*.example.com', `DomainName domainName labels must be letters, digits and inner hyphens (a '*' only as the whole first label), found '*', got 'api.*.example.com' (at 'Stack/DN')`],
    [`${'abcdefghi.'.repeat(26)}com`, `DomainName domainName must be 1 to 253 characters, got '${'abcdefghi.'.repeat(26)}com' (at 'Stack/DN')`],
  ];

  test.each(invalid)('rejects the domain name %s', (domainName, message) => {
    const stack = newStack();
    expectError(() => new DomainName(stack, 'DN', { domainName, certificate: certificate(stack) }), message);
  });
});
