import { describe, expect, test } from 'vitest';
import { NO_VALUE, resolveIntrinsics, UnresolvedValueError, type IntrinsicContext } from './intrinsics.js';

/** A context backed by plain maps, so each intrinsic is tested without a template. */
function context(overrides: Partial<IntrinsicContext> = {}): IntrinsicContext {
  const refs: Record<string, unknown> = { Name: 'books', Count: '2', List: ['a', 'b', 'c'], 'AWS::Region': 'eu-west-1', 'AWS::NoValue': NO_VALUE };
  const atts: Record<string, unknown> = { 'Fn.Arn': 'arn:aws:lambda:eu-west-1:1:function:fn', 'Api.ApiEndpoint': 'https://abc.execute-api', 'Nested.Outputs.Url': 'https://x' };
  const conditions: Record<string, boolean> = { IsProd: true, IsDev: false };
  return {
    region: 'eu-west-1',
    ref: (name) => {
      if (!(name in refs)) throw new UnresolvedValueError(`no ${name}`);
      return refs[name];
    },
    getAtt: (id, attr) => {
      const key = `${id}.${attr}`;
      if (!(key in atts)) throw new UnresolvedValueError(`no ${key}`);
      return atts[key];
    },
    condition: (name) => {
      if (!(name in conditions)) throw new UnresolvedValueError(`no condition ${name}`);
      return conditions[name];
    },
    findInMap: (map, top, second) => {
      if (map === 'Sizes' && top === 'prod' && second === 'memory') return 1024;
      throw new UnresolvedValueError('not in map');
    },
    importValue: (name) => {
      if (name === 'shared-api-id') return 'abcdefghij';
      throw new UnresolvedValueError(`no export ${name}`);
    },
    ...overrides,
  };
}

const resolve = (value: unknown): unknown => resolveIntrinsics(value, context());

describe('resolveIntrinsics', () => {
  test('leaves plain values alone and resolves inside objects and lists', () => {
    expect(resolve({ a: 1, b: [true, null, 'x'], c: { Ref: 'Name' } })).toEqual({ a: 1, b: [true, null, 'x'], c: 'books' });
  });

  test('Ref returns parameters, pseudo parameters and resources from the context', () => {
    expect(resolve({ Ref: 'AWS::Region' })).toBe('eu-west-1');
    expect(resolve({ Ref: 'List' })).toEqual(['a', 'b', 'c']);
  });

  test('Ref AWS::NoValue removes the property or list element that holds it', () => {
    expect(resolve({ keep: 1, drop: { Ref: 'AWS::NoValue' } })).toEqual({ keep: 1 });
    expect(resolve(['a', { Ref: 'AWS::NoValue' }, 'b'])).toEqual(['a', 'b']);
    expect(resolve({ Ref: 'AWS::NoValue' })).toBe(NO_VALUE);
  });

  test('Fn::GetAtt accepts the list form and the dotted string form', () => {
    expect(resolve({ 'Fn::GetAtt': ['Fn', 'Arn'] })).toBe('arn:aws:lambda:eu-west-1:1:function:fn');
    expect(resolve({ 'Fn::GetAtt': 'Nested.Outputs.Url' })).toBe('https://x');
  });

  test('Fn::Join joins resolved elements, numbers included', () => {
    expect(resolve({ 'Fn::Join': ['/', ['integrations', { Ref: 'Name' }, 3]] })).toBe('integrations/books/3');
    expect(resolve({ 'Fn::Join': ['', { Ref: 'List' }] })).toBe('abc');
  });

  test('Fn::Sub replaces references, attributes and variables, and keeps escapes and stage variables', () => {
    expect(resolve({ 'Fn::Sub': 'arn:${AWS::Region}:${Name}:${Fn.Arn}' })).toBe('arn:eu-west-1:books:arn:aws:lambda:eu-west-1:1:function:fn');
    expect(resolve({ 'Fn::Sub': ['${Greeting}, ${Name}', { Greeting: { 'Fn::Join': ['', ['he', 'llo']] } }] })).toBe('hello, books');
    expect(resolve({ 'Fn::Sub': '${!Literal} and ${!AWS::Region}' })).toBe('${Literal} and ${AWS::Region}');
    expect(resolve({ 'Fn::Sub': 'arn:aws:lambda:${AWS::Region}:1:function:${stageVariables.fn}/invocations' })).toBe(
      'arn:aws:lambda:eu-west-1:1:function:${stageVariables.fn}/invocations',
    );
  });

  test('Fn::Select and Fn::Split take lists apart', () => {
    expect(resolve({ 'Fn::Select': [1, { 'Fn::Split': ['||', 'assets/||abc.zip'] }] })).toBe('abc.zip');
    expect(resolve({ 'Fn::Select': ['0', { Ref: 'List' }] })).toBe('a');
    expect(() => resolve({ 'Fn::Select': [5, ['a']] })).toThrow(/out of range/);
  });

  test('Fn::If evaluates only the branch its condition picks', () => {
    expect(resolve({ 'Fn::If': ['IsProd', 'big', { Ref: 'Missing' }] })).toBe('big');
    expect(resolve({ 'Fn::If': ['IsDev', { Ref: 'Missing' }, { Ref: 'AWS::NoValue' }] })).toBe(NO_VALUE);
    expect(resolve({ a: { 'Fn::If': ['IsDev', 1, { Ref: 'AWS::NoValue' }] } })).toEqual({});
  });

  test('condition functions combine into booleans', () => {
    expect(resolve({ 'Fn::Equals': [{ Ref: 'Name' }, 'books'] })).toBe(true);
    expect(resolve({ 'Fn::Equals': [{ Ref: 'Count' }, 2] })).toBe(true);
    expect(resolve({ 'Fn::Not': [{ 'Fn::Equals': ['a', 'b'] }] })).toBe(true);
    expect(resolve({ 'Fn::And': [{ Condition: 'IsProd' }, { 'Fn::Equals': ['a', 'a'] }] })).toBe(true);
    expect(resolve({ 'Fn::Or': [{ Condition: 'IsDev' }, { Condition: 'IsProd' }] })).toBe(true);
    expect(resolve({ 'Fn::And': [{ Condition: 'IsDev' }, { Condition: 'IsProd' }] })).toBe(false);
  });

  test('a Condition key with a non-string value is an ordinary property, not an intrinsic', () => {
    expect(resolve({ Condition: { StringEquals: { 'aws:SourceAccount': '1' } } })).toEqual({ Condition: { StringEquals: { 'aws:SourceAccount': '1' } } });
  });

  test('Fn::FindInMap, Fn::ImportValue, Fn::Base64 and Fn::GetAZs', () => {
    expect(resolve({ 'Fn::FindInMap': ['Sizes', 'prod', 'memory'] })).toBe(1024);
    expect(resolve({ 'Fn::ImportValue': { 'Fn::Sub': 'shared-api-id' } })).toBe('abcdefghij');
    expect(resolve({ 'Fn::Base64': 'hello' })).toBe('aGVsbG8=');
    expect(resolve({ 'Fn::GetAZs': '' })).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    expect(resolve({ 'Fn::GetAZs': 'us-east-2' })).toEqual(['us-east-2a', 'us-east-2b', 'us-east-2c']);
  });

  test('Fn::Cidr carves subnets from the start of the block', () => {
    expect(resolve({ 'Fn::Cidr': ['10.0.0.0/16', 3, 8] })).toEqual(['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24']);
  });

  test('nested intrinsics resolve inside out', () => {
    const value = { 'Fn::Join': ['', ['arn:aws:apigateway:', { Ref: 'AWS::Region' }, ':lambda:path/2015-03-31/functions/', { 'Fn::GetAtt': ['Fn', 'Arn'] }, '/invocations']] };
    expect(resolve(value)).toBe('arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:1:function:fn/invocations');
  });

  test('what cannot be resolved throws UnresolvedValueError with the reason', () => {
    expect(() => resolve({ Ref: 'Missing' })).toThrow(UnresolvedValueError);
    expect(() => resolve({ 'Fn::ImportValue': 'nobody' })).toThrow(/no export nobody/);
    expect(() => resolve({ 'Fn::Transform': {} })).toThrow(/Fn::Transform is not supported/);
    expect(() => resolve({ 'Fn::Join': ['', 'not-a-list'] })).toThrow(/expects a list/);
    expect(() => resolve({ 'Fn::Sub': '${Fn.Missing}' })).toThrow(/no Fn.Missing/);
    expect(() => resolve({ 'Fn::Join': ['', [{ a: 1 }]] })).toThrow(/expects a string/);
  });
});
