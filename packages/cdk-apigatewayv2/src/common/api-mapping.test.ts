import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { describe, expect, test } from 'vitest';
import { expectError } from '../../test/support/expect-error';
import { ApiMapping, DomainName, HttpApi } from '../index';

function setup(): { stack: Stack; dn: DomainName; api: HttpApi } {
  const stack = new Stack(new App(), 'Stack');
  const dn = new DomainName(stack, 'DN', {
    domainName: 'example.com',
    certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:us-east-1:111111111111:certificate'),
  });
  return { stack, dn, api: new HttpApi(stack, 'Api') };
}

describe('ApiMapping', () => {
  test('maps the default stage of an HTTP API when no stage is given', () => {
    const { stack, dn, api } = setup();
    new ApiMapping(stack, 'Mapping', { api, domainName: dn, apiMappingKey: 'v1/books' });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', {
      ApiId: { Ref: Match.stringLikeRegexp('^Api') }, Stage: '$default', ApiMappingKey: 'v1/books',
    });
  });

  test('allows one root mapping next to keyed mappings across APIs', () => {
    const { stack, dn, api } = setup();
    const other = new HttpApi(stack, 'Other');
    new ApiMapping(stack, 'Root', { api, domainName: dn });
    new ApiMapping(stack, 'Demo', { api: other, domainName: dn, apiMappingKey: 'demo' });
    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 2);
  });

  test('imports a mapping by id', () => {
    const { stack } = setup();
    expect(ApiMapping.fromApiMappingAttributes(stack, 'Imported', { apiMappingId: 'm-1' }).apiMappingId).toBe('m-1');
  });

  test('rejects an empty mapping key', () => {
    const { stack, dn, api } = setup();
    expectError(() => new ApiMapping(stack, 'M', { api, domainName: dn, apiMappingKey: '' }), `empty string for api mapping key not allowed: ApiMapping apiMappingKey must not be an empty string (leave it undefined for the root path), got '' (at 'Stack/M')`);
  });

  test('rejects a mapping key with a leading slash', () => {
    const { stack, dn, api } = setup();
    expectError(() => new ApiMapping(stack, 'M', { api, domainName: dn, apiMappingKey: '/v1' }), `ApiMapping apiMappingKey must not start or end with '/', got '/v1' (at 'Stack/M')`);
  });

  test('rejects a mapping key with an empty segment or a forbidden character', () => {
    const { stack, dn, api } = setup();
    expectError(() => new ApiMapping(stack, 'M', { api, domainName: dn, apiMappingKey: 'v1//books' }), `ApiMapping apiMappingKey segments must be non-empty and use only letters, digits and $-_.+!*'(), got 'v1//books' (at 'Stack/M')`);
    expectError(() => new ApiMapping(stack, 'N', { api, domainName: dn, apiMappingKey: 'v1?x' }), `ApiMapping apiMappingKey segments must be non-empty and use only letters, digits and $-_.+!*'(), got 'v1?x' (at 'Stack/N')`);
  });

  test('rejects a second root mapping on one domain', () => {
    const { stack, dn, api } = setup();
    new ApiMapping(stack, 'First', { api, domainName: dn });
    expectError(() => new ApiMapping(stack, 'Second', { api: new HttpApi(stack, 'Other'), domainName: dn }), 'ApiMapping apiMappingKey may be left out by only one mapping of a domain name, got a second root mapping (the first is Stack/First) (at \'Stack/Second\')');
  });

  test('rejects a mapping key used twice on one domain', () => {
    const { stack, dn, api } = setup();
    new HttpApi(stack, 'Demo', { defaultDomainMapping: { domainName: dn, mappingKey: 'demo' } });
    expectError(() => new ApiMapping(stack, 'Again', { api, domainName: dn, apiMappingKey: 'demo' }), `ApiMapping apiMappingKey must be unique on a domain name, got 'demo' which is already used by Stack/Demo/DefaultStage/Stack--DNdemo (at 'Stack/Again')`);
  });

  test('rejects a mapping without stage for an API without default stage', () => {
    const { stack, dn } = setup();
    const api = new HttpApi(stack, 'NoStage', { createDefaultStage: false });
    expectError(() => new ApiMapping(stack, 'M', { api, domainName: dn }), 'stage is required if default stage is not available: ApiMapping stage is required when the API has no default stage, got undefined (api Stack/NoStage) (at \'Stack/M\')');
  });
});
