import { IResource, Names, Resource, Token } from 'aws-cdk-lib';
import type { JsonSchema } from 'aws-cdk-lib/aws-apigateway';
import { CfnModel } from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';
import { throwInvalid } from '../private/invalid';
import type { IWebSocketApi } from './api';
import { toJsonSchemaDocument } from './json-schema-document';

/**
 * A data model of a WebSocket API, used to validate incoming messages.
 */
export interface IWebSocketModel extends IResource {
  /**
   * Id of the model.
   *
   * @attribute
   */
  readonly modelId: string;

  /**
   * Name of the model; routes refer to models by name in `RequestModels`.
   */
  readonly modelName: string;

  /**
   * The API the model belongs to.
   */
  readonly webSocketApi: IWebSocketApi;
}

/**
 * Options to add a model to a WebSocket API.
 */
export interface WebSocketModelOptions {
  /**
   * The JSON schema messages must match.
   */
  readonly schema: JsonSchema;

  /**
   * Name of the model: 1 to 128 letters and digits.
   *
   * @default - generated from the construct path
   */
  readonly modelName?: string;

  /**
   * The media type of the messages the model describes.
   *
   * @default 'application/json'
   */
  readonly contentType?: string;

  /**
   * Description of the model.
   *
   * @default - none
   */
  readonly description?: string;
}

/**
 * Properties of a WebSocketModel.
 */
export interface WebSocketModelProps extends WebSocketModelOptions {
  /**
   * The API the model belongs to.
   */
  readonly webSocketApi: IWebSocketApi;
}

const MODEL_NAME = /^[A-Za-z0-9]{1,128}$/;

/**
 * An `AWS::ApiGatewayV2::Model`: a JSON schema that a route's `requestModels` can require incoming messages to
 * match. API Gateway checks it only for non-proxy integrations; a message that does not match is answered with a
 * "Bad request body" frame.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-request-validation.html
 * @resource AWS::ApiGatewayV2::Model
 */
export class WebSocketModel extends Resource implements IWebSocketModel {
  /**
   * Id of the model.
   *
   * @attribute
   */
  public readonly modelId: string;

  /**
   * Name of the model.
   */
  public readonly modelName: string;

  /**
   * The API the model belongs to.
   */
  public readonly webSocketApi: IWebSocketApi;

  constructor(scope: Construct, id: string, props: WebSocketModelProps) {
    super(scope, id);
    // API Gateway only accepts alphanumeric model names, so the generated one drops the path separators.
    const modelName = props.modelName ?? Names.uniqueResourceName(this, { maxLength: 128, separator: '' });
    if (!Token.isUnresolved(modelName) && !MODEL_NAME.test(modelName)) {
      throwInvalid(this, { subject: 'WebSocketModel', prop: 'modelName', rule: 'must be 1 to 128 letters or digits', value: modelName });
    }
    this.modelName = modelName;
    this.webSocketApi = props.webSocketApi;
    const resource = new CfnModel(this, 'Resource', {
      apiId: props.webSocketApi.apiId,
      name: modelName,
      contentType: props.contentType ?? 'application/json',
      description: props.description,
      schema: toJsonSchemaDocument(props.schema),
    });
    this.modelId = resource.ref;
  }
}
