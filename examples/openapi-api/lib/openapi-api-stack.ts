import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ApiDefinition, HttpApi } from 'cdk-apigatewayv2';
import type { Construct } from 'constructs';

/** The OpenAPI document that defines the API's routes, authorizer and CORS. */
export const PETS_DOCUMENT = path.join(__dirname, '..', 'openapi', 'pets.json');

/**
 * API-first: the routes come from `openapi/pets.json`; the stack only supplies the code, binding one function
 * to the document's operations by `operationId` (API Gateway gets permission to invoke it).
 */
export class OpenApiApiStack extends Stack {
  public readonly api: HttpApi;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const handler = new lambda.Function(this, 'PetsFn', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'pets.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, '..', 'lambda')),
    });
    this.api = new HttpApi(this, 'PetsApi', {
      apiDefinition: ApiDefinition.fromInline(JSON.parse(readFileSync(PETS_DOCUMENT, 'utf8')) as Record<string, unknown>),
      apiDefinitionHandlers: { listPets: handler, getPet: handler, createPet: handler },
      failOnWarnings: true,
    });
    new CfnOutput(this, 'PetsUrl', { value: this.api.url ?? '' });
  }
}
