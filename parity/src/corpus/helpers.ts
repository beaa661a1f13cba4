import { Kit } from '../kit';

type Stack = InstanceType<Kit['cdk']['Stack']>;

/** A small inline Node.js function, as the seeds' `lambda.Function(stack, 'BooksDefaultFn', { ... })`. */
export function inlineFunction(k: Kit, stack: Stack, id: string): InstanceType<Kit['lambda']['Function']> {
  return new k.lambda.Function(stack, id, {
    runtime: k.lambda.Runtime.NODEJS_14_X,
    handler: 'index.handler',
    code: k.lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });
}
