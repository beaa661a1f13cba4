import { Annotations, Stack, IResource, Resource } from 'aws-cdk-lib';
import { CfnApiMapping } from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';
import { invalidMessage, throwInvalid } from '../private/invalid';
import { isConcrete } from '../private/tokens';
import { claimUniqueKey } from '../private/unique-keys';
import { isWebSocketApi } from '../private/websocket-apis';
import { IApi } from './api';
import { IDomainName } from './domain-name';
import { IStage } from './stage';

/** The id of the warning for WebSocket and HTTP APIs mapped to one domain. */
const MIXED_PROTOCOLS_WARNING_ID = 'cdk-apigatewayv2:webSocketAndHttpOnOneDomain';

/**
 * A mapping of an API stage onto a custom domain name.
 */
export interface IApiMapping extends IResource {
  /**
   * The id of the mapping.
   * @attribute
   */
  readonly apiMappingId: string;
}

/**
 * Properties of an {@link ApiMapping}.
 */
export interface ApiMappingProps {
  /** The API to serve on the domain. */
  readonly api: IApi;

  /** The custom domain name. */
  readonly domainName: IDomainName;

  /**
   * The base path of the API on the domain, e.g. `v1` or `orders/v2`: letters, digits and `$-_.+!*'()`,
   * segments separated by `/`. At most one mapping of a domain may leave it out; an empty string is rejected.
   * @default - undefined for the root path mapping.
   */
  readonly apiMappingKey?: string;

  /**
   * The stage to serve.
   * @default - Default stage of the passed API for HTTP API, required for WebSocket API
   */
  readonly stage?: IStage;
}

/**
 * Reference to an API mapping created outside this construct tree.
 */
export interface ApiMappingAttributes {
  /** The id of the mapping. */
  readonly apiMappingId: string;
}

/** An API that may have a default stage (HTTP APIs do); read without importing the HTTP module. */
interface MaybeWithDefaultStage {
  readonly defaultStage?: IStage;
}

const KEY_SEGMENT = /^[A-Za-z0-9$\-_.+!*'()]+$/;

/**
 * An `AWS::ApiGatewayV2::ApiMapping`: serves a stage of an API at `https://{domain}/{apiMappingKey}`.
 *
 * @resource AWS::ApiGatewayV2::ApiMapping
 */
export class ApiMapping extends Resource implements IApiMapping {
  /**
   * Imports an existing API mapping.
   */
  public static fromApiMappingAttributes(scope: Construct, id: string, attrs: ApiMappingAttributes): IApiMapping {
    return new ImportedApiMapping(scope, id, attrs);
  }

  public readonly apiMappingId: string;

  /** The custom domain the stage is served on. */
  public readonly domainName: IDomainName;

  /**
   * The base path of the stage on the domain.
   * @default - undefined for the root path mapping
   */
  public readonly mappingKey?: string;

  constructor(scope: Construct, id: string, props: ApiMappingProps) {
    super(scope, id);
    const stage = props.stage ?? (props.api as MaybeWithDefaultStage).defaultStage;
    if (stage === undefined) {
      // 1.123's messages first: HTTP APIs without default stage, and WebSocket APIs (which never have one).
      const v1 = 'defaultStage' in props.api ? 'stage is required if default stage is not available' : 'stage is required for WebSocket API';
      throwInvalid(this, { legacyMessage: v1, subject: 'ApiMapping', prop: 'stage', rule: 'is required when the API has no default stage', got: `undefined (api ${props.api.node.path})` });
    }
    validateMappingKey(this, props.apiMappingKey);
    this.claimKeyOnDomain(props.domainName, props.apiMappingKey);
    this.claimProtocolOnDomain(props.domainName, props.api);

    const resource = new CfnApiMapping(this, 'Resource', {
      apiId: props.api.apiId,
      domainName: props.domainName.name,
      stage: stage.stageName,
      apiMappingKey: props.apiMappingKey,
    });
    // Stage names are plain strings, not references: make CloudFormation create the stage first.
    if (stage.node.defaultChild !== undefined) {
      resource.node.addDependency(stage);
    }
    // The domain's name is a plain string too (as in @aws-cdk 1.123): without this dependency, which 1.123 did not
    // add, CloudFormation could create the mapping before the domain name exists.
    if (props.domainName.node.defaultChild !== undefined && Stack.of(props.domainName) === Stack.of(this)) {
      resource.node.addDependency(props.domainName);
    }
    this.apiMappingId = resource.ref;
    this.domainName = props.domainName;
    this.mappingKey = props.apiMappingKey;
  }

  /**
   * "You can't map WebSocket APIs to the same custom domain name as an HTTP API or REST API."
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-mappings.html
   * @aws-cdk 1.123 synthesized such mappings, so this warns (the deploy fails) rather than throws.
   */
  private claimProtocolOnDomain(domainName: IDomainName, api: IApi): void {
    const protocol = isWebSocketApi(api) ? 'WebSocket' : 'HTTP';
    const holder = claimUniqueKey({ owner: domainName, key: 'protocol', claimant: `${protocol} ${this.node.path}` });
    if (holder !== undefined && !holder.startsWith(`${protocol} `)) {
      Annotations.of(this).addWarningV2(MIXED_PROTOCOLS_WARNING_ID, invalidMessage(this, {
        subject: 'ApiMapping', prop: 'api', rule: 'must not map WebSocket and HTTP APIs to the same domain name (AWS refuses the deploy)',
        got: `${protocol} API '${api.node.path}' on a domain that maps ${holder.split(' ')[0]} API mapping '${holder.slice(holder.indexOf(' ') + 1)}'`,
      }));
    }
  }

  private claimKeyOnDomain(domainName: IDomainName, key: string | undefined): void {
    if (key !== undefined && !isConcrete(key)) {
      return;
    }
    const holder = claimUniqueKey({ owner: domainName, key: `mapping:${key ?? ''}`, claimant: this.node.path });
    if (holder === undefined) {
      return;
    }
    if (key === undefined) {
      throwInvalid(this, { subject: 'ApiMapping', prop: 'apiMappingKey', rule: 'may be left out by only one mapping of a domain name', got: `a second root mapping (the first is ${holder})` });
    }
    throwInvalid(this, { subject: 'ApiMapping', prop: 'apiMappingKey', rule: 'must be unique on a domain name', got: `'${key}' which is already used by ${holder}` });
  }
}

class ImportedApiMapping extends Resource implements IApiMapping {
  public readonly apiMappingId: string;

  constructor(scope: Construct, id: string, attrs: ApiMappingAttributes) {
    super(scope, id);
    this.apiMappingId = attrs.apiMappingId;
  }
}

function validateMappingKey(scope: Construct, key: string | undefined): void {
  if (key === undefined || !isConcrete(key)) {
    return;
  }
  if (key === '') {
    throwInvalid(scope, { legacyMessage: 'empty string for api mapping key not allowed', subject: 'ApiMapping', prop: 'apiMappingKey', rule: 'must not be an empty string (leave it undefined for the root path)', value: '' });
  }
  if (key.startsWith('/') || key.endsWith('/')) {
    throwInvalid(scope, { subject: 'ApiMapping', prop: 'apiMappingKey', rule: "must not start or end with '/'", value: key });
  }
  for (const segment of key.split('/')) {
    if (!KEY_SEGMENT.test(segment)) {
      throwInvalid(scope, { subject: 'ApiMapping', prop: 'apiMappingKey', rule: "segments must be non-empty and use only letters, digits and $-_.+!*'()", value: key });
    }
  }
}
