import { describe, expect, test } from 'vitest';
import type { ModelEnvironment } from '../model/index.js';
import { generatedName } from './physical-ids.js';
import { attributeValue, refValue, type ResourceIdentity } from './resource-values.js';

const env: ModelEnvironment = { accountId: '111122223333', region: 'eu-west-1', partition: 'aws', urlSuffix: 'amazonaws.com' };

function resource(type: string, properties: Record<string, unknown> = {}, logicalId = 'Thing'): ResourceIdentity {
  return { stackName: 'Stack', logicalId, type, env, property: (name) => properties[name] };
}

describe('refValue and attributeValue', () => {
  test('explicit names win over generated ones', () => {
    expect(refValue(resource('AWS::DynamoDB::Table', { TableName: 'books' }))).toBe('books');
    expect(attributeValue(resource('AWS::DynamoDB::Table', { TableName: 'books' }), 'Arn')).toBe('arn:aws:dynamodb:eu-west-1:111122223333:table/books');
    expect(refValue(resource('AWS::DynamoDB::Table'))).toBe(generatedName('Stack', 'Thing', { maxLength: 255 }));
  });

  test('generated names follow CloudFormation: {stack}-{logicalId}-{SUFFIX}, within the service limit', () => {
    expect(generatedName('Stack', 'Thing')).toMatch(/^Stack-Thing-[A-Z0-9]{12}$/);
    expect(generatedName('S'.repeat(100), 'L'.repeat(100))).toHaveLength(64);
    expect(refValue(resource('AWS::S3::Bucket'))).toMatch(/^stack-thing-[a-z0-9]{12}$/);
  });

  test('each type returns what AWS documents for Ref and its common attributes', () => {
    expect(attributeValue(resource('AWS::IAM::Role', { RoleName: 'r' }), 'Arn')).toBe('arn:aws:iam::111122223333:role/r');
    expect(attributeValue(resource('AWS::S3::Bucket', { BucketName: 'b' }), 'Arn')).toBe('arn:aws:s3:::b');
    expect(refValue(resource('AWS::SQS::Queue', { QueueName: 'q' }))).toBe('https://sqs.eu-west-1.amazonaws.com/111122223333/q');
    expect(attributeValue(resource('AWS::SQS::Queue', { QueueName: 'q' }), 'Arn')).toBe('arn:aws:sqs:eu-west-1:111122223333:q');
    expect(refValue(resource('AWS::SNS::Topic', { TopicName: 't' }))).toBe('arn:aws:sns:eu-west-1:111122223333:t');
    expect(refValue(resource('AWS::Lambda::Alias', { FunctionName: 'fn', Name: 'live' }))).toBe('arn:aws:lambda:eu-west-1:111122223333:function:fn:live');
    expect(refValue(resource('AWS::ApiGatewayV2::Stage', { StageName: 'prod' }))).toBe('prod');
    expect(attributeValue(resource('AWS::ApiGatewayV2::Api', { ProtocolType: 'WEBSOCKET' }), 'ApiEndpoint')).toMatch(/^wss:\/\/[a-z0-9]{10}\.execute-api\.eu-west-1\.amazonaws\.com$/);
    expect(attributeValue(resource('AWS::ApiGatewayV2::Integration'), 'IntegrationId')).toBe(refValue(resource('AWS::ApiGatewayV2::Integration')));
    const pool = String(refValue(resource('AWS::Cognito::UserPool')));
    expect(pool).toMatch(/^eu-west-1_[A-Za-z0-9]{9}$/);
    expect(attributeValue(resource('AWS::Cognito::UserPool'), 'ProviderURL')).toBe(`https://cognito-idp.eu-west-1.amazonaws.com/${pool}`);
  });

  test('unknown types and attributes get readable synthetic values', () => {
    const thing = resource('AWS::Foo::Bar', {}, 'Widget');
    const name = String(refValue(thing));
    expect(attributeValue(thing, 'Arn')).toBe(`arn:aws:foo:eu-west-1:111122223333:bar/${name}`);
    expect(attributeValue(thing, 'Endpoint.Address')).toBe(`${name}.Endpoint.Address`);
  });
});
