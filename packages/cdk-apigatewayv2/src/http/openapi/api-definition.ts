import * as fs from 'fs';
import { CfnResource } from 'aws-cdk-lib';
import * as s3_assets from 'aws-cdk-lib/aws-s3-assets';
import { Construct } from 'constructs';
import { throwInvalid } from '../../private/invalid';
import { validateOpenApiDocument } from './validate-open-api';

/**
 * Where an HTTP API's OpenAPI definition is: `Body` or `BodyS3Location` of `AWS::ApiGatewayV2::Api`.
 */
export interface ApiDefinitionConfig {
  /**
   * The document itself, sent as `Body`.
   * @default - the document is in S3 (`s3Location`)
   */
  readonly inlineDefinition?: { [key: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- jsii: an OpenAPI document is free-form JSON

  /**
   * The S3 object of the document, sent as `BodyS3Location`.
   * @default - the document is inline
   */
  readonly s3Location?: ApiDefinitionS3Location;
}

/**
 * An S3 object holding an OpenAPI document.
 */
export interface ApiDefinitionS3Location {
  /** The bucket. */
  readonly bucket: string;
  /** The object key. */
  readonly key: string;
}

/**
 * An OpenAPI 3.0 definition of an HTTP API with API Gateway's `x-amazon-apigateway-*` extensions
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-open-api.html).
 */
export abstract class ApiDefinition {
  /**
   * A definition given as an object (it may hold tokens, e.g. `fn.functionArn`).
   * @param definition the OpenAPI 3.0 document
   */
  public static fromInline(definition: { [key: string]: any }): InlineApiDefinition { // eslint-disable-line @typescript-eslint/no-explicit-any -- jsii: an OpenAPI document is free-form JSON
    return new InlineApiDefinition(definition);
  }

  /**
   * A definition in a local file (JSON or YAML), uploaded as an asset. JSON files are validated at synth.
   * @param file the path of the file
   * @param options asset options
   */
  public static fromAsset(file: string, options?: s3_assets.AssetOptions): AssetApiDefinition {
    return new AssetApiDefinition(file, options);
  }

  /** Called when the API is created. */
  public abstract bind(scope: Construct): ApiDefinitionConfig;
}

/**
 * An OpenAPI definition given inline, sent as `Body`.
 */
export class InlineApiDefinition extends ApiDefinition {
  /** The document. */
  public readonly definition: { [key: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- jsii: an OpenAPI document is free-form JSON

  constructor(definition: { [key: string]: any }) { // eslint-disable-line @typescript-eslint/no-explicit-any -- jsii: an OpenAPI document is free-form JSON
    super();
    this.definition = definition;
  }

  public bind(scope: Construct): ApiDefinitionConfig {
    failOnProblems(scope, this.definition);
    return { inlineDefinition: this.definition };
  }
}

/**
 * An OpenAPI definition in a local file, uploaded as an asset and sent as `BodyS3Location`.
 */
export class AssetApiDefinition extends ApiDefinition {
  private asset?: s3_assets.Asset;

  constructor(private readonly file: string, private readonly options: s3_assets.AssetOptions = {}) {
    super();
  }

  public bind(scope: Construct): ApiDefinitionConfig {
    if (!fs.existsSync(this.file) || fs.statSync(this.file).isDirectory()) {
      throwInvalid(scope, { subject: 'ApiDefinition', prop: 'fromAsset file', rule: 'must be an existing OpenAPI file (JSON or YAML)', value: this.file });
    }
    if (this.file.toLowerCase().endsWith('.json')) {
      let document: unknown;
      try {
        document = JSON.parse(fs.readFileSync(this.file, 'utf8'));
      } catch (error) {
        throwInvalid(scope, { subject: 'ApiDefinition', prop: 'fromAsset file', rule: 'must hold valid JSON', got: `'${this.file}': ${(error as Error).message}` });
      }
      failOnProblems(scope, document);
    }
    this.asset ??= new s3_assets.Asset(scope, 'APIDefinition', { path: this.file, ...this.options });
    // The local gateway finds the file through this metadata, as CDK tools do for function code.
    this.asset.addResourceMetadata(scope.node.defaultChild as CfnResource, 'BodyS3Location');
    return { s3Location: { bucket: this.asset.s3BucketName, key: this.asset.s3ObjectKey } };
  }
}

/** Refuses a document API Gateway's import would reject, naming the JSON pointer and the rule. */
export function failOnProblems(scope: Construct, document: unknown): void {
  const problem = validateOpenApiDocument(document)[0];
  if (problem !== undefined) {
    throwInvalid(scope, { subject: 'HttpApi', prop: `apiDefinition #${problem.pointer}`, rule: problem.rule, value: problem.value });
  }
}
