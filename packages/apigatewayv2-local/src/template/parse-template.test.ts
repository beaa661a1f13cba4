import { describe, expect, test } from 'vitest';
import { GatewayError } from '../errors.js';
import { parseTemplateText } from './parse-template.js';

describe('parseTemplateText', () => {
  test('turns every CloudFormation short-form tag into its long form', () => {
    const template = parseTemplateText(
      `
AWSTemplateFormatVersion: 2010-09-09
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  NotProd: !Not [!Condition IsProd]
  Both: !And [!Condition IsProd, !Or [!Condition NotProd, !Equals [a, a]]]
Resources:
  Thing:
    Type: AWS::Test::Thing
    Properties:
      A: !Ref Name
      B: !GetAtt Fn.Arn
      C: !GetAtt [Fn, Arn]
      D: !Sub "\${AWS::Region}-x"
      E: !Join ["", [a, !Ref Name]]
      F: !Select [0, !Split [",", "a,b"]]
      G: !If [IsProd, yes, !Ref AWS::NoValue]
      H: !ImportValue shared
      I: !FindInMap [M, !Ref AWS::Region, key]
      J: !Base64 hi
      K: !GetAZs ""
      L: !Cidr [10.0.0.0/16, 2, 8]
      M: !Sub
        - "\${X}"
        - X: !Ref Name
`,
      'test.yaml',
    );
    expect(template.Conditions).toEqual({
      IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
      NotProd: { 'Fn::Not': [{ Condition: 'IsProd' }] },
      Both: { 'Fn::And': [{ Condition: 'IsProd' }, { 'Fn::Or': [{ Condition: 'NotProd' }, { 'Fn::Equals': ['a', 'a'] }] }] },
    });
    expect(template.Resources?.Thing?.Properties).toEqual({
      A: { Ref: 'Name' },
      B: { 'Fn::GetAtt': ['Fn', 'Arn'] },
      C: { 'Fn::GetAtt': ['Fn', 'Arn'] },
      D: { 'Fn::Sub': '${AWS::Region}-x' },
      E: { 'Fn::Join': ['', ['a', { Ref: 'Name' }]] },
      F: { 'Fn::Select': [0, { 'Fn::Split': [',', 'a,b'] }] },
      // YAML 1.2: `yes` is a string, as CloudFormation reads it.
      G: { 'Fn::If': ['IsProd', 'yes', { Ref: 'AWS::NoValue' }] },
      H: { 'Fn::ImportValue': 'shared' },
      I: { 'Fn::FindInMap': ['M', { Ref: 'AWS::Region' }, 'key'] },
      J: { 'Fn::Base64': 'hi' },
      K: { 'Fn::GetAZs': '' },
      L: { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] },
      M: { 'Fn::Sub': ['${X}', { X: { Ref: 'Name' } }] },
    });
  });

  test('reads JSON templates', () => {
    expect(parseTemplateText('{"Resources":{"A":{"Type":"AWS::X::Y"}}}', 'a.json').Resources).toEqual({ A: { Type: 'AWS::X::Y' } });
  });

  test('rejects broken input with a TEMPLATE_INVALID error naming the file', () => {
    expect(() => parseTemplateText('{"Resources": ', 'broken.json')).toThrow(/broken.json is not valid JSON/);
    expect(() => parseTemplateText('a: [1, 2', 'broken.yaml')).toThrow(GatewayError);
    expect(() => parseTemplateText('Resources:\n  A: !Unknown x\n', 'tags.yaml')).toThrow(/unknown tag !Unknown/);
    expect(() => parseTemplateText('Resources:\n  A:\n    Properties: {}\n', 'types.yaml')).toThrow(/resource A must be an object with a string Type/);
    expect(() => parseTemplateText('- 1\n', 'list.yaml')).toThrow(/must be an object, got a list/);
  });

  test('reports a JSON syntax error as file:line:column, not as a character offset', () => {
    const text = '{\n  "Resources": {\n    "A" 2\n  }\n}\n';
    expect(() => parseTemplateText(text, 'stack.json')).toThrow(/^template stack\.json:3:9: not valid JSON: Expected ':' after property name$/);
  });
});
