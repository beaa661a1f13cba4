import { describe, expect, it } from 'vitest';
import { compileMappingTemplate, renderMappingTemplate, type TemplateInput } from './mapping-template.js';

const input: TemplateInput = {
  body: '{"action":"ping","user":{"name":"ana","tags":["a","b"]}}',
  context: (name) => ({ connectionId: 'Conn=', routeKey: 'ping', 'identity.sourceIp': '203.0.113.7' })[name],
  stageVariables: { color: 'blue' },
};

function render(template: string, from: TemplateInput = input): string {
  return renderMappingTemplate(compileMappingTemplate(template), from);
}

describe('mapping templates (the rendered subset)', () => {
  it('renders $context variables in bare, quiet and formal notation', () => {
    expect(render('{"id":"$context.connectionId","r":"$!context.routeKey","ip":"${context.identity.sourceIp}"}')).toBe(
      '{"id":"Conn=","r":"ping","ip":"203.0.113.7"}',
    );
  });

  it('renders $input.body, $input.json and $input.path, and stage variables', () => {
    expect(render('$input.body')).toBe(input.body);
    expect(render(`{"user":$input.json('$.user'),"name":"$input.path('$.user.name')","tag":"$input.path('$.user.tags[1]')","c":"$stageVariables.color"}`)).toBe(
      '{"user":{"name":"ana","tags":["a","b"]},"name":"ana","tag":"b","c":"blue"}',
    );
  });

  it('renders a missing value as nothing and keeps a dollar that starts no reference', () => {
    expect(render('[$context.nothing][$input.path(\'$.none\')] costs $5 \\$context.connectionId')).toBe('[][] costs $5 $context.connectionId');
  });

  it('names what it does not render (directives, $util, other references) and leaves it as written', () => {
    const template = compileMappingTemplate('#set($x = 1)#if($context.routeKey)$util.escapeJavaScript($input.body)#end $request.header.a');
    expect(template.unsupported).toEqual(['#set', '$x', '#if', '$util.escapeJavaScript', '#end', '$request.header.a']);
    expect(render('#if(1)ok#end')).toBe('#if(1)ok#end');
  });

  it('reads a body that is not JSON as nothing for $input.json and $input.path', () => {
    expect(render(`[$input.json('$.a')][$input.body]`, { ...input, body: 'plain' })).toBe('[][plain]');
  });
});
