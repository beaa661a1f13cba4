import { AccessLogField, AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { IApi } from '../common/api';
import { isConcrete } from '../private/tokens';
import { IStage, StageAttributes, StageOptions } from '../common/stage';
import { StageBase } from '../common/stage-base';
import { throwInvalid } from '../private/invalid';
import type { IWebSocketApi } from './api';
import { grantManageConnections } from './manage-connections';

/**
 * A stage of a WebSocket API.
 */
export interface IWebSocketStage extends IStage {
  /**
   * The API this stage belongs to.
   */
  readonly api: IWebSocketApi;

  /**
   * The base URL of the stage's `@connections` API, `https://{apiId}.execute-api.{region}.{urlSuffix}/{stage}`:
   * backends post to `{callbackUrl}/@connections/{connectionId}` to reach a client.
   */
  readonly callbackUrl: string;

  /**
   * Lets `identity` send messages to, read and close this stage's connections through the `@connections` API
   * (`execute-api:ManageConnections`).
   */
  grantManageConnections(identity: iam.IGrantable): iam.Grant;

  /**
   * Lets `identity` use this stage's `@connections` API (`execute-api:ManageConnections`): aws-cdk-lib's name for
   * `grantManageConnections`, with the same policy.
   */
  grantManagementApiAccess(identity: iam.IGrantable): iam.Grant;
}

/**
 * Properties of a WebSocketStage.
 */
export interface WebSocketStageProps extends StageOptions {
  /**
   * The API to deploy.
   */
  readonly webSocketApi: IWebSocketApi;

  /**
   * Name of the stage: 1 to 128 letters, digits, `_` and `-`. It is the path of the stage's URL
   * (WebSocket APIs have no `$default` stage).
   */
  readonly stageName: string;
}

/**
 * Reference to a WebSocket API stage created outside this construct tree.
 */
export interface WebSocketStageAttributes extends StageAttributes {
  /**
   * The API the stage belongs to.
   */
  readonly api: IWebSocketApi;
}

abstract class WebSocketStageBase extends StageBase implements IWebSocketStage {
  public abstract readonly api: IWebSocketApi;

  /**
   * The URL clients connect to, `wss://{apiId}.execute-api.{region}.{urlSuffix}/{stage}`.
   */
  public get url(): string {
    return this._stageUrl('wss');
  }

  public get callbackUrl(): string {
    return this._stageUrl('https');
  }

  /**
   * `{sourceIp} {caller} {user} [{requestTime}] "{eventType} {routeKey} {connectionId}" {status} {requestId}`, as
   * aws-cdk-lib's WebSocket stages.
   */
  public defaultAccessLogFormat(): AccessLogFormat {
    const requester = [AccessLogField.contextIdentitySourceIp(), AccessLogField.contextIdentityCaller(), AccessLogField.contextIdentityUser()].join(' ');
    const request = [AccessLogField.contextEventType(), AccessLogField.contextRouteKey(), AccessLogField.contextConnectionId()].join(' ');
    const status = [AccessLogField.contextStatus(), AccessLogField.contextRequestId()].join(' ');
    return AccessLogFormat.custom(`${requester} [${AccessLogField.contextRequestTime()}] "${request}" ${status}`);
  }

  public grantManageConnections(identity: iam.IGrantable): iam.Grant {
    return grantManageConnections(this, this.api.apiId, this.stageName, identity);
  }

  public grantManagementApiAccess(identity: iam.IGrantable): iam.Grant {
    return this.grantManageConnections(identity);
  }
}

/**
 * An `AWS::ApiGatewayV2::Stage` of a WebSocket API.
 *
 * @resource AWS::ApiGatewayV2::Stage
 */
export class WebSocketStage extends WebSocketStageBase {
  /**
   * Uses an existing stage of a WebSocket API.
   */
  public static fromWebSocketStageAttributes(scope: Construct, id: string, attrs: WebSocketStageAttributes): IWebSocketStage {
    return new ImportedWebSocketStage(scope, id, attrs);
  }

  public readonly api: IWebSocketApi;
  public readonly baseApi: IApi;
  public readonly stageName: string;

  constructor(scope: Construct, id: string, props: WebSocketStageProps) {
    super(scope, id);
    const mappingKey = props.domainMapping?.mappingKey;
    if (isConcrete(mappingKey) && mappingKey.includes('/')) {
      // Multi-level base paths exist for HTTP and REST APIs only (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-mappings.html).
      throwInvalid(this, { subject: 'WebSocketStage', prop: 'domainMapping.mappingKey', rule: "must not contain '/'", value: mappingKey });
    }
    this.api = props.webSocketApi;
    this.baseApi = props.webSocketApi;
    this.stageName = props.stageName;
    this._createStage({
      ...props,
      api: props.webSocketApi,
      stageName: props.stageName,
      // WebSocket clients always connect to `/{stage}`; the `$default` stage served at the root exists
      // for HTTP APIs only (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-custom-domain-names.html).
      allowDefaultName: false,
    });
  }

  /**
   * The URL clients connect to on the stage's custom domain, `wss://{domain}/{mappingKey}` (the stage name is not
   * part of it). Throws if the stage has no `domainMapping`.
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-mappings.html
   */
  public get domainUrl(): string {
    return this.onDomain('wss', 'domainUrl');
  }

  /**
   * The base URL of the `@connections` API on the stage's custom domain, `https://{domain}/{mappingKey}`.
   * Throws if the stage has no `domainMapping`.
   */
  public get domainCallbackUrl(): string {
    return this.onDomain('https', 'domainCallbackUrl');
  }

  private onDomain(scheme: string, prop: string): string {
    const mapping = this._apiMapping;
    if (mapping === undefined) {
      return throwInvalid(this, { subject: 'WebSocketStage', prop, rule: "needs the stage's domainMapping", got: 'none' });
    }
    return `${scheme}://${mapping.domainName.name}/${mapping.mappingKey ?? ''}`;
  }
}

class ImportedWebSocketStage extends WebSocketStageBase {
  public readonly api: IWebSocketApi;
  public readonly baseApi: IApi;
  public readonly stageName: string;

  constructor(scope: Construct, id: string, attrs: WebSocketStageAttributes) {
    super(scope, id);
    this.api = attrs.api;
    this.baseApi = attrs.api;
    this.stageName = attrs.stageName;
  }

  // As @aws-cdk 1.123: an imported stage does not offer its URLs (its API's endpoint may be disabled or served on a
  // custom domain only).
  public get url(): string {
    return throwInvalid(this, { legacyMessage: 'url is not available for imported stages.', subject: 'WebSocketStage', prop: 'url', rule: 'is unknown for an imported stage', got: 'an imported stage' });
  }

  public get callbackUrl(): string {
    return throwInvalid(this, { legacyMessage: 'callback url is not available for imported stages.', subject: 'WebSocketStage', prop: 'callbackUrl', rule: 'is unknown for an imported stage', got: 'an imported stage' });
  }
}
