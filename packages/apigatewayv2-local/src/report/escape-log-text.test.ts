import { describe, expect, it } from 'vitest';
import { escapeLogText } from './escape-log-text.js';

describe('escapeLogText', () => {
  it('escapes line breaks, NUL, DEL, C1 controls and the Unicode line separators; keeps other text', () => {
    expect(escapeLogText('a\nb\r\tc')).toBe('a\\nb\\r\\tc');
    expect(escapeLogText('x\u0000\u001b[31m\u007f\u0085')).toBe('x\\x00\\x1b[31m\\x7f\\x85');
    expect(escapeLogText('l\u2028p\u2029')).toBe('l\\u2028p\\u2029');
    expect(escapeLogText('POST /prod/@connections/R1kmxc2VNjMCFIA%3D → é 200')).toBe('POST /prod/@connections/R1kmxc2VNjMCFIA%3D → é 200');
  });
});
