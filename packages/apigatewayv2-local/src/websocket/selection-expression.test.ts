import { describe, expect, it } from 'vitest';
import { compileSelectionExpression, evaluateSelectionExpression } from './selection-expression.js';

function select(expression: string, body: string): string | undefined {
  const compiled = compileSelectionExpression(expression);
  if (!compiled.ok) throw new Error(compiled.problem);
  return evaluateSelectionExpression(compiled, body);
}

describe('route selection expressions', () => {
  it('reads $request.body.action from a JSON message', () => {
    expect(select('$request.body.action', '{"action":"sendmessage","data":1}')).toBe('sendmessage');
  });

  it('follows nested paths and array indexes', () => {
    expect(select('$request.body.message.type', '{"message":{"type":"join"}}')).toBe('join');
    expect(select("$request.body['my-key'][1]", '{"my-key":["a","b"]}')).toBe('b');
  });

  it('joins several ${...} variables with static text, a missing value giving an empty string', () => {
    expect(select('${request.body.action}-${request.body.nope}', '{"action":"join"}')).toBe('join-');
    expect(select('v1/${request.body.service}/${request.body.op}', '{"service":"chat","op":"send"}')).toBe('v1/chat/send');
  });

  it('keeps static text and an escaped dollar as they are', () => {
    expect(select('action', 'not json')).toBe('action');
    expect(select('\\$default', 'not json')).toBe('$default');
  });

  it('gives undefined for a message that is not JSON when the body is read', () => {
    expect(select('$request.body.action', 'hello')).toBeUndefined();
  });

  it('writes numbers, booleans and arrays as text', () => {
    expect(select('$request.body.n', '{"n":42}')).toBe('42');
    expect(select('$request.body.b', '{"b":true}')).toBe('true');
    expect(select('$request.body.list', '{"list":["item1","item2"]}')).toBe('[item1, item2]');
  });

  it('rejects variables other than request.body and unclosed braces', () => {
    expect(compileSelectionExpression('$request.header.x')).toMatchObject({ ok: false, problem: 'only $request.body variables can select a route, got $request.header.x' });
    expect(compileSelectionExpression('${request.body.a')).toMatchObject({ ok: false });
  });
});
