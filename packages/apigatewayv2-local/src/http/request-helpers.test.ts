import { describe, expect, it } from 'vitest';
import { formatClfTime } from '../gateway/clf-time.js';
import { domainPrefixOf } from '../gateway/request-facts.js';
import { parseQueryString } from '../gateway/query-string.js';
import { encodeEventBody } from './request-body.js';
import { substituteStageVariables } from '../gateway/stage-variables.js';

describe('formatClfTime', () => {
  it('formats UTC time in Common Log Format with zero padding', () => {
    expect(formatClfTime(Date.UTC(2020, 2, 12, 19, 3, 58))).toBe('12/Mar/2020:19:03:58 +0000');
    expect(formatClfTime(Date.UTC(2021, 0, 5, 4, 5, 6, 999))).toBe('05/Jan/2021:04:05:06 +0000');
  });
});

describe('encodeEventBody', () => {
  const body = Buffer.from('héllo');
  it.each(['text/plain', 'text/csv; charset=latin1', 'application/json', 'APPLICATION/XML', 'application/javascript'])(
    'passes %s as UTF-8 text',
    (contentType) => {
      expect(encodeEventBody(body, contentType)).toEqual({ body: 'héllo', isBase64Encoded: false });
    },
  );

  it.each([undefined, 'application/x-www-form-urlencoded', 'application/vnd.api+json', 'image/png', 'multipart/form-data; boundary=x'])(
    'base64-encodes a body typed %s',
    (contentType) => {
      expect(encodeEventBody(body, contentType)).toEqual({ body: body.toString('base64'), isBase64Encoded: true });
    },
  );

  it('gives no body for an empty one', () => {
    expect(encodeEventBody(Buffer.alloc(0), 'application/json')).toEqual({ isBase64Encoded: false });
  });
});

describe('parseQueryString', () => {
  it('keeps duplicates in order, decodes names and values and skips empty pieces', () => {
    expect(parseQueryString('a=1&&a=2&b&c%20d=%zz&=x')).toEqual([
      { name: 'a', value: '1' },
      { name: 'a', value: '2' },
      { name: 'b', value: '' },
      { name: 'c d', value: '%zz' },
      { name: '', value: 'x' },
    ]);
  });
});

describe('substituteStageVariables', () => {
  it('replaces every reference with the stage value', () => {
    expect(substituteStageVariables('http://${stageVariables.h}/${stageVariables.p}/${stageVariables.h}', { h: 'a', p: 'b' })).toEqual({
      ok: true,
      value: 'http://a/b/a',
    });
  });

  it('reports the first missing variable, and ignores inherited object keys', () => {
    expect(substituteStageVariables('${stageVariables.toString}', {})).toEqual({ ok: false, missing: 'toString' });
  });
});

describe('domainPrefixOf', () => {
  it('uses the first host label, or the apiId for IP addresses and localhost', () => {
    expect(domainPrefixOf('api.example.com:8443', 'id')).toBe('api');
    expect(domainPrefixOf('127.0.0.1:3000', 'id')).toBe('id');
    expect(domainPrefixOf('[::1]:3000', 'id')).toBe('id');
    expect(domainPrefixOf('localhost', 'id')).toBe('id');
  });
});
