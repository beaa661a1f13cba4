import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { describe, test } from 'vitest';
import { expectError } from '../../test/support/expect-error';
import { DomainName, EndpointType, HttpApi, IpAddressType, SecurityPolicy, WebSocketApi } from '../index';

function setup(): { stack: Stack; cert: acm.ICertificate; ownership: acm.ICertificate } {
  const stack = new Stack(new App(), 'Stack');
  const cert = acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:us-east-1:111111111111:certificate/abc');
  const ownership = acm.Certificate.fromCertificateArn(stack, 'Ownership', 'arn:aws:acm:us-east-1:111111111111:certificate/own');
  return { stack, cert, ownership };
}

describe('DomainName endpoints (aws-cdk-lib 2.x names and behaviour)', () => {
  test('a 1.123 domain name keeps its one regional endpoint and nothing else', () => {
    const { stack, cert } = setup();
    new DomainName(stack, 'DN', { domainName: 'api.example.com', certificate: cert });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainNameConfigurations: [{ CertificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/abc', EndpointType: 'REGIONAL' }],
      MutualTlsAuthentication: Match.absent(),
    });
  });

  test('takes securityPolicy, endpointType, certificateName and ipAddressType', () => {
    const { stack, cert } = setup();
    new DomainName(stack, 'DN', {
      domainName: 'api.example.com', certificate: cert, certificateName: 'main', endpointType: EndpointType.REGIONAL,
      securityPolicy: SecurityPolicy.TLS_1_2, ipAddressType: IpAddressType.DUAL_STACK,
    });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainNameConfigurations: [{
        CertificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/abc', CertificateName: 'main', EndpointType: 'REGIONAL',
        SecurityPolicy: 'TLS_1_2', IpAddressType: 'dualstack',
      }],
    });
  });

  test('mtls with bucket, key and version, and an ownership certificate', () => {
    const { stack, cert, ownership } = setup();
    const bucket = s3.Bucket.fromBucketName(stack, 'TrustStore', 'example-bucket');
    new DomainName(stack, 'DN', { domainName: 'api.example.com', certificate: cert, ownershipCertificate: ownership, mtls: { bucket, key: 'someca.pem', version: 'version' } });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainNameConfigurations: [Match.objectLike({ OwnershipVerificationCertificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/own' })],
      MutualTlsAuthentication: { TruststoreUri: 's3://example-bucket/someca.pem', TruststoreVersion: 'version' },
    });
  });

  test('throws when ownershipCertificate is used without mtls', () => {
    const { stack, cert, ownership } = setup();
    expectError(() => new DomainName(stack, 'DN', { domainName: 'api.example.com', certificate: cert, ownershipCertificate: ownership }),
      "ownership certificate can only be used with mtls domains: DomainName ownershipCertificate requires mtls, got mtls undefined (at 'Stack/DN')");
  });

  test('several endpoints, one per type', () => {
    const { stack, cert } = setup();
    const dn = new DomainName(stack, 'DN', { domainName: 'api.example.com', certificate: cert });
    dn.addEndpoint({ certificate: cert, endpointType: EndpointType.EDGE });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainNameConfigurations: [Match.objectLike({ EndpointType: 'REGIONAL' }), Match.objectLike({ EndpointType: 'EDGE' })],
    });
    expectError(() => dn.addEndpoint({ certificate: cert }),
      "an endpoint with type REGIONAL already exists: DomainName endpointType must differ between the endpoints of a domain name, got 'REGIONAL' (at 'Stack/DN')");
  });
});

describe('ipAddressType on APIs', () => {
  test('HTTP and WebSocket APIs can be dual stack; left out by default', () => {
    const { stack } = setup();
    new HttpApi(stack, 'Http', { ipAddressType: IpAddressType.DUAL_STACK });
    new WebSocketApi(stack, 'Ws', { ipAddressType: IpAddressType.IPV4 });
    new HttpApi(stack, 'Plain');
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP', IpAddressType: 'dualstack' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'WEBSOCKET', IpAddressType: 'ipv4' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { Name: 'Plain', IpAddressType: Match.absent() });
  });
});
