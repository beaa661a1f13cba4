import { Kit } from './kit';

/** One resource of a synthesized template. */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}

/** The resources the suite compares, by logical id. */
export type ComparedResources = Record<string, TemplateResource>;

/** The stack every corpus app is built in (its name is part of some 1.123 logical ids). */
export const STACK_NAME = 'ParityStack';

/** A corpus app: code written once against the 1.123 API. */
export interface CorpusApp {
  /** Unique name, used in test titles and in the README's difference table. */
  readonly name: string;
  /** Where the app comes from: a seed document or a section of the v1.123 API reference. */
  readonly source: string;
  /** Builds the app in `stack` with the modules of `k`. */
  build(k: Kit, stack: InstanceType<Kit['cdk']['Stack']>): void;
}

/** The resource types the suite compares: every API Gateway v2 resource and every Lambda permission. */
export function isCompared(type: string): boolean {
  return type.startsWith('AWS::ApiGatewayV2::') || type === 'AWS::Lambda::Permission';
}

/** Synthesizes `app` with `kit` and returns its compared resources. */
export function synthesize(kit: Kit, app: CorpusApp): ComparedResources {
  // aws-cdk-lib's built-in template validation only warns about the deprecated Node.js 14 runtime the 1.123 apps
  // use; 1.123 ignores the option.
  const cdkApp = new kit.cdk.App({ builtinCloudFormationValidation: false } as ConstructorParameters<Kit['cdk']['App']>[0]);
  const stack = new kit.cdk.Stack(cdkApp, STACK_NAME);
  app.build(kit, stack);
  const template = cdkApp.synth().getStackByName(STACK_NAME).template as { Resources?: ComparedResources };
  const compared: ComparedResources = {};
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    if (isCompared(resource.Type)) {
      compared[logicalId] = resource;
    }
  }
  return compared;
}
