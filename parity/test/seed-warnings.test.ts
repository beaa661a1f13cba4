import { describe, expect, test } from 'vitest';
import { corpus } from '../src/corpus';
import { ours } from '../src/kit';
import { STACK_NAME } from '../src/synthesize';

interface StackMessages {
  readonly messages: readonly { readonly level: string; readonly entry: { readonly data?: unknown } }[];
}

/** The warnings this library adds (acknowledgeable ids `cdk-apigatewayv2:…`) when ours synthesizes `build`. */
function ourWarnings(build: (stack: never) => void): string[] {
  const app = new ours.cdk.App({ builtinCloudFormationValidation: false } as ConstructorParameters<typeof ours.cdk.App>[0]);
  const stack = new ours.cdk.Stack(app, STACK_NAME);
  build(stack as never);
  const artifact = app.synth().getStackByName(STACK_NAME) as unknown as StackMessages;
  return artifact.messages
    .filter((message) => message.level === 'warning')
    .map((message) => String(message.entry.data))
    .filter((text) => text.includes('cdk-apigatewayv2:'));
}

describe('the seed examples, written as in the seeds', () => {
  test.each(corpus.filter((app) => app.source.startsWith('seeds/')).map((app) => [app.name, app] as const))('%s synthesizes without a warning', (_name, app) => {
    expect(ourWarnings((stack) => app.build(ours, stack))).toEqual([]);
  });

  test('the warnings are seen: CORS ANY next to other methods (not a seed example) warns', () => {
    const app = corpus.find((candidate) => candidate.name.startsWith('CORS with ANY'));
    expect(ourWarnings((stack) => app!.build(ours, stack))).toEqual([expect.stringContaining('cdk-apigatewayv2:corsAnyWithOtherMethods')]);
  });

  test('the CORS example with maxAge of 10 days is refused, naming API Gateway\'s limit', () => {
    expect(() => ourWarnings((stack: InstanceType<typeof ours.cdk.Stack>) => {
      new ours.apigw.HttpApi(stack, 'HttpProxyApi', {
        corsPreflight: {
          allowHeaders: ['Authorization'],
          allowMethods: [ours.apigw.CorsHttpMethod.GET, ours.apigw.CorsHttpMethod.HEAD, ours.apigw.CorsHttpMethod.OPTIONS, ours.apigw.CorsHttpMethod.POST],
          allowOrigins: ['*'],
          maxAge: ours.cdk.Duration.days(10),
        },
      });
    })).toThrow(/maxAge must be at most 86400 seconds, got 864000 seconds/);
  });
});
