import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { describe, expect, test } from 'vitest';
import { expectError } from '../../test/support/expect-error';
import { DomainName, HttpApi, HttpStage } from '../index';

function newStack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
}

function domain(stack: Stack): DomainName {
  return new DomainName(stack, 'Domain', {
    domainName: 'api.example.com',
    certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:eu-west-1:123456789012:certificate/abc'),
  });
}

describe('HttpStage', () => {
  test('creates a named stage that is not auto-deployed by default', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const stage = new HttpStage(stack, 'Beta', { httpApi: api, stageName: 'beta' });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: 'beta', AutoDeploy: Match.absent() });
    expect(stage.node.defaultChild).toBeDefined();
    expect(stack.resolve(stage.url)).toEqual({ 'Fn::Join': ['', ['https://', { Ref: 'ApiF70053CD' }, '.execute-api.eu-west-1.', { Ref: 'AWS::URLSuffix' }, '/beta']] });
  });

  test('serves the $default stage at the root of the API URL', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    expect(stack.resolve(api.url)).toEqual({ 'Fn::Join': ['', ['https://', { Ref: 'ApiF70053CD' }, '.execute-api.eu-west-1.', { Ref: 'AWS::URLSuffix' }, '/']] });
  });

  test('maps a stage onto a custom domain under its mapping key', () => {
    const stack = newStack();
    const dn = domain(stack);
    const api = new HttpApi(stack, 'Api', { defaultDomainMapping: { domainName: dn, mappingKey: 'foo' } });
    const beta = api.addStage('beta', { stageName: 'beta', autoDeploy: true, domainMapping: { domainName: dn, mappingKey: 'bar' } });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', { ApiMappingKey: 'foo', Stage: '$default', DomainName: 'api.example.com' });
    template.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', { ApiMappingKey: 'bar', Stage: 'beta' });
    expect(beta.domainUrl).toBe('https://api.example.com/bar');
  });

  test('makes the mapping depend on the stage it serves', () => {
    const stack = newStack();
    const dn = domain(stack);
    const api = new HttpApi(stack, 'Api');
    api.addStage('beta', { stageName: 'beta', domainMapping: { domainName: dn } });
    const mappings = Template.fromStack(stack).findResources('AWS::ApiGatewayV2::ApiMapping');
    const [mapping] = Object.values(mappings) as { DependsOn?: string[] }[];
    expect(mapping.DependsOn?.some((id) => id.startsWith('Apibeta'))).toBe(true);
  });

  test('gives stage metrics the ApiId and Stage dimensions', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const stage = api.addStage('beta', { stageName: 'beta' });
    const metric = stage.metricClientError({ period: Duration.minutes(1) });
    expect(metric.metricName).toBe('4xx');
    expect(metric.namespace).toBe('AWS/ApiGateway');
    expect(metric.statistic).toBe('Sum');
    expect(metric.period.toMinutes()).toBe(1);
    expect(stack.resolve(metric.dimensions)).toEqual({ ApiId: { Ref: 'ApiF70053CD' }, Stage: 'beta' });
    expect(stage.metricLatency().metricName).toBe('Latency');
  });

  test('imports a stage by name', () => {
    const stack = newStack();
    const api = HttpApi.fromHttpApiAttributes(stack, 'Api', { httpApiId: 'abc123' });
    const stage = HttpStage.fromHttpStageAttributes(stack, 'Stage', { api, stageName: 'prod' });
    expect(stage.stageName).toBe('prod');
    expect(stage.api).toBe(api);
    expect(stack.resolve(stage.metricCount().dimensions)).toEqual({ ApiId: 'abc123', Stage: 'prod' });
  });
});

describe('HttpStage validation', () => {
  test('rejects a stage name with a space', () => {
    const stack = newStack();
    expectError(() => new HttpStage(stack, 'S', { httpApi: new HttpApi(stack, 'Api'), stageName: 'my stage' }), `HttpStage stageName must be '$default' or 1 to 128 letters, digits, '_' and '-', got 'my stage' (at 'Stack/S')`);
  });

  test('rejects a stage name longer than 128 characters', () => {
    const stack = newStack();
    const name = 'a'.repeat(129);
    expectError(() => new HttpStage(stack, 'S', { httpApi: new HttpApi(stack, 'Api'), stageName: name }), `HttpStage stageName must be '$default' or 1 to 128 letters, digits, '_' and '-', got '${name}' (at 'Stack/S')`);
  });

  test('rejects two stages with the same name on one API', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    api.addStage('One', { stageName: 'beta' });
    expectError(() => api.addStage('Two', { stageName: 'beta' }), `HttpStage stageName must be unique within an API, got 'beta' which is already used by Stack/Api/One (at 'Stack/Api/Two')`);
  });

  test('rejects a second $default stage next to the default one', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    expectError(() => api.addStage('Another', {}), `HttpStage stageName must be unique within an API, got '$default' which is already used by Stack/Api/DefaultStage (at 'Stack/Api/Another')`);
  });

  test('rejects reading domainUrl of a stage without domain mapping', () => {
    const stack = newStack();
    const stage = new HttpStage(stack, 'S', { httpApi: new HttpApi(stack, 'Api'), stageName: 'beta' });
    expectError(() => stage.domainUrl, `domainUrl is not available when no API mapping is associated with the Stage: HttpStage domainUrl needs the stage's domainMapping, got none (at 'Stack/S')`);
  });
});
