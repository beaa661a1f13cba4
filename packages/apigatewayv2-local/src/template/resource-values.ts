import type { ModelEnvironment } from '../model/index.js';
import { UnresolvedValueError } from './intrinsics.js';
import { apiIdFor, childIdFor, generatedName, hashedId, uuidFor } from './physical-ids.js';

/** A resource as `Ref` / `Fn::GetAtt` see it. `property` resolves one of its properties (may throw). */
export interface ResourceIdentity {
  readonly stackName: string;
  readonly logicalId: string;
  readonly type: string;
  readonly env: ModelEnvironment;
  property(name: string): unknown;
}

/** Per resource type: the property holding an explicit name and the limits of a generated one. */
interface NamingRule {
  readonly nameProperty?: string;
  readonly maxLength?: number;
  readonly lowerCase?: boolean;
}

const NAMING: Readonly<Record<string, NamingRule>> = {
  'AWS::Lambda::Function': { nameProperty: 'FunctionName' },
  'AWS::Lambda::LayerVersion': { nameProperty: 'LayerName', maxLength: 140 },
  'AWS::DynamoDB::Table': { nameProperty: 'TableName', maxLength: 255 },
  'AWS::DynamoDB::GlobalTable': { nameProperty: 'TableName', maxLength: 255 },
  'AWS::S3::Bucket': { nameProperty: 'BucketName', maxLength: 63, lowerCase: true },
  'AWS::SQS::Queue': { nameProperty: 'QueueName', maxLength: 80 },
  'AWS::SNS::Topic': { nameProperty: 'TopicName', maxLength: 256 },
  'AWS::IAM::Role': { nameProperty: 'RoleName' },
  'AWS::Events::EventBus': { nameProperty: 'Name' },
  'AWS::Logs::LogGroup': { nameProperty: 'LogGroupName', maxLength: 512 },
  'AWS::StepFunctions::StateMachine': { nameProperty: 'StateMachineName', maxLength: 80 },
  'AWS::SecretsManager::Secret': { nameProperty: 'Name', maxLength: 512 },
  'AWS::Kinesis::Stream': { nameProperty: 'Name', maxLength: 128 },
};

/** The resource's name: its explicit name property if set, else CloudFormation's generated form. */
export function physicalName(r: ResourceIdentity): string {
  const rule = NAMING[r.type] ?? {};
  if (rule.nameProperty) {
    const explicit = r.property(rule.nameProperty);
    if (typeof explicit === 'string' && explicit !== '') return explicit;
  }
  return generatedName(r.stackName, r.logicalId, { maxLength: rule.maxLength, lowerCase: rule.lowerCase });
}

export function lambdaArn(env: ModelEnvironment, functionName: string): string {
  return functionName.startsWith('arn:') ? functionName : `arn:${env.partition}:lambda:${env.region}:${env.accountId}:function:${functionName}`;
}

function arn(r: ResourceIdentity, service: string, resource: string, options: { global?: boolean; noAccount?: boolean } = {}): string {
  const region = options.global ? '' : r.env.region;
  const account = options.noAccount ? '' : r.env.accountId;
  return `arn:${r.env.partition}:${service}:${region}:${account}:${resource}`;
}

function stringProperty(r: ResourceIdentity, name: string): string {
  const value = r.property(name);
  if (typeof value !== 'string') throw new UnresolvedValueError(`${r.logicalId}.${name} must be a string to compute its id`);
  return value;
}

/** Versions are numbered 1, 2, … locally; the number comes from the logical id so it is stable. */
function versionNumber(r: ResourceIdentity): string {
  return String(1 + (parseInt(hashedId(`version/${r.stackName}/${r.logicalId}`, 4, '0123456789'), 10) % 100));
}

/** What `Ref` returns for a resource (the AWS-documented return value, with a local physical id). */
export function refValue(r: ResourceIdentity): unknown {
  switch (r.type) {
    case 'AWS::ApiGatewayV2::Api':
      return apiIdFor(r.stackName, r.logicalId);
    case 'AWS::ApiGatewayV2::Stage':
      return stringProperty(r, 'StageName');
    case 'AWS::ApiGatewayV2::DomainName':
      return stringProperty(r, 'DomainName');
    case 'AWS::Lambda::Alias':
      return `${lambdaArn(r.env, stringProperty(r, 'FunctionName'))}:${stringProperty(r, 'Name')}`;
    case 'AWS::Lambda::Version':
      return `${lambdaArn(r.env, stringProperty(r, 'FunctionName'))}:${versionNumber(r)}`;
    case 'AWS::Lambda::LayerVersion':
      // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-layerversion.html#aws-resource-lambda-layerversion-return-values
      return arn(r, 'lambda', `layer:${physicalName(r)}:${versionNumber(r)}`);
    case 'AWS::SQS::Queue':
      return `https://sqs.${r.env.region}.${r.env.urlSuffix}/${r.env.accountId}/${physicalName(r)}`;
    case 'AWS::SNS::Topic':
      return arn(r, 'sns', physicalName(r));
    case 'AWS::StepFunctions::StateMachine':
      return arn(r, 'states', `stateMachine:${physicalName(r)}`);
    case 'AWS::SecretsManager::Secret':
      return arn(r, 'secretsmanager', `secret:${physicalName(r)}-${hashedId(r.logicalId, 6)}`);
    case 'AWS::KMS::Key':
      return uuidFor(`kms/${r.stackName}/${r.logicalId}`);
    case 'AWS::Cognito::UserPool':
      return `${r.env.region}_${hashedId(`pool/${r.stackName}/${r.logicalId}`, 9, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}`;
    case 'AWS::Cognito::UserPoolClient':
      return hashedId(`client/${r.stackName}/${r.logicalId}`, 26);
    case 'AWS::CloudFormation::Stack':
      return stackIdFor(r.env, generatedName(r.stackName, r.logicalId, { maxLength: 128 }));
    default:
      if (r.type.startsWith('AWS::ApiGatewayV2::')) return childIdFor(r.stackName, r.logicalId);
      return physicalName(r);
  }
}

/** `AWS::StackId` for a stack name. */
export function stackIdFor(env: ModelEnvironment, stackName: string): string {
  return `arn:${env.partition}:cloudformation:${env.region}:${env.accountId}:stack/${stackName}/${uuidFor(`stack/${stackName}`)}`;
}

/** What `Fn::GetAtt` returns. Unknown attributes get a readable synthetic value rather than failing. */
export function attributeValue(r: ResourceIdentity, attribute: string): unknown {
  const known = knownAttribute(r, attribute);
  if (known !== undefined) return known;
  if (attribute === 'Arn') return genericArn(r);
  return `${String(refValue(r))}.${attribute}`;
}

function knownAttribute(r: ResourceIdentity, attribute: string): unknown {
  const key = `${r.type}.${attribute}`;
  switch (key) {
    case 'AWS::ApiGatewayV2::Api.ApiId':
      return refValue(r);
    case 'AWS::ApiGatewayV2::Api.ApiEndpoint': {
      const scheme = r.property('ProtocolType') === 'WEBSOCKET' ? 'wss' : 'https';
      return `${scheme}://${String(refValue(r))}.execute-api.${r.env.region}.${r.env.urlSuffix}`;
    }
    case 'AWS::ApiGatewayV2::DomainName.RegionalDomainName':
      return `d-${hashedId(`domain/${r.stackName}/${r.logicalId}`, 10)}.execute-api.${r.env.region}.${r.env.urlSuffix}`;
    case 'AWS::ApiGatewayV2::DomainName.RegionalHostedZoneId':
      return `Z${hashedId(`zone/${r.stackName}/${r.logicalId}`, 13, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`;
    case 'AWS::Lambda::Function.Arn':
      return lambdaArn(r.env, physicalName(r));
    case 'AWS::Lambda::Version.Version':
      return versionNumber(r);
    case 'AWS::Lambda::Alias.AliasArn':
      return refValue(r);
    case 'AWS::IAM::Role.Arn':
      return arn(r, 'iam', `role/${physicalName(r)}`, { global: true });
    case 'AWS::IAM::Role.RoleId':
      return `AROA${hashedId(`role/${r.stackName}/${r.logicalId}`, 17, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`;
    case 'AWS::DynamoDB::Table.Arn':
      return arn(r, 'dynamodb', `table/${physicalName(r)}`);
    case 'AWS::DynamoDB::Table.StreamArn':
      return arn(r, 'dynamodb', `table/${physicalName(r)}/stream/1970-01-01T00:00:00.000`);
    case 'AWS::S3::Bucket.Arn':
      return arn(r, 's3', physicalName(r), { global: true, noAccount: true });
    case 'AWS::S3::Bucket.DomainName':
      return `${physicalName(r)}.s3.${r.env.urlSuffix}`;
    case 'AWS::S3::Bucket.RegionalDomainName':
      return `${physicalName(r)}.s3.${r.env.region}.${r.env.urlSuffix}`;
    case 'AWS::SQS::Queue.Arn':
      return arn(r, 'sqs', physicalName(r));
    case 'AWS::SQS::Queue.QueueName':
    case 'AWS::SNS::Topic.TopicName':
    case 'AWS::StepFunctions::StateMachine.Name':
      return physicalName(r);
    case 'AWS::SQS::Queue.QueueUrl':
    case 'AWS::SNS::Topic.TopicArn':
    case 'AWS::StepFunctions::StateMachine.Arn':
      return refValue(r);
    case 'AWS::Events::EventBus.Arn':
      return arn(r, 'events', `event-bus/${physicalName(r)}`);
    case 'AWS::Logs::LogGroup.Arn':
      return arn(r, 'logs', `log-group:${physicalName(r)}:*`);
    case 'AWS::KMS::Key.Arn':
      return arn(r, 'kms', `key/${String(refValue(r))}`);
    case 'AWS::Cognito::UserPool.Arn':
      return arn(r, 'cognito-idp', `userpool/${String(refValue(r))}`);
    case 'AWS::Cognito::UserPool.ProviderName':
      return `cognito-idp.${r.env.region}.${r.env.urlSuffix}/${String(refValue(r))}`;
    case 'AWS::Cognito::UserPool.ProviderURL':
      return `https://cognito-idp.${r.env.region}.${r.env.urlSuffix}/${String(refValue(r))}`;
    default:
      // ApiGatewayV2 child ids (`IntegrationId`, `RouteId`, `AuthorizerId`, `ModelId`, `VpcLinkId` …) equal their Ref.
      if (r.type.startsWith('AWS::ApiGatewayV2::') && attribute.endsWith('Id')) return refValue(r);
      return undefined;
  }
}

/** `arn:aws:{service}:{region}:{account}:{type}/{name}` for resource types without a known ARN shape. */
function genericArn(r: ResourceIdentity): string {
  const [, service = 'unknown', kind = 'resource'] = r.type.split('::');
  return arn(r, service.toLowerCase(), `${kind.toLowerCase()}/${String(refValue(r))}`);
}
