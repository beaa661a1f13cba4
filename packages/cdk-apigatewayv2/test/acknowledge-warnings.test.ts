// The README's way to acknowledge a warning of this library works: aws-cdk-lib's Annotations on a scope above
// the construct that warned.
import { Annotations, App, Stack } from 'aws-cdk-lib';
import { Annotations as Found, Match } from 'aws-cdk-lib/assertions';
import { CorsHttpMethod, HttpApi } from 'cdk-apigatewayv2';
import { expect, test } from 'vitest';

const ID = 'cdk-apigatewayv2:corsAnyWithOtherMethods';

function corsWarnings(acknowledge: boolean): unknown[] {
  const stack = new Stack(new App(), 'ExampleStack');
  new HttpApi(stack, 'Api', { corsPreflight: { allowOrigins: ['*'], allowMethods: [CorsHttpMethod.ANY, CorsHttpMethod.GET] } });
  if (acknowledge) Annotations.of(stack).acknowledgeWarning(ID, 'kept as deployed with 1.123');
  return Found.fromStack(stack).findWarning('*', Match.stringLikeRegexp(`\\[ack: ${ID}\\]`));
}

test('a warning acknowledged on the stack by its id is no longer reported', () => {
  expect(corsWarnings(false)).toHaveLength(1);
  expect(corsWarnings(true)).toEqual([]);
});
