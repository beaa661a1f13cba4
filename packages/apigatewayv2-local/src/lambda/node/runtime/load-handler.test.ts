import { describe, expect, test } from 'vitest';
import { parseHandler } from './load-handler.js';

describe('parseHandler', () => {
  test.each([
    ['index.handler', { moduleRoot: '', moduleName: 'index', propertyPath: ['handler'] }],
    ['src/app.handler', { moduleRoot: 'src/', moduleName: 'app', propertyPath: ['handler'] }],
    ['index.routes.books', { moduleRoot: '', moduleName: 'index', propertyPath: ['routes', 'books'] }],
    ['a/b/c.d.e', { moduleRoot: 'a/b/', moduleName: 'c', propertyPath: ['d', 'e'] }],
  ])('reads %s as module root, module name and export path', (handler, expected) => {
    expect(parseHandler(handler)).toEqual(expected);
  });

  test.each(['index', 'index.', '.handler', 'src/app', '../outside.handler', 'index..handler'])('rejects the malformed handler %s', (handler) => {
    expect(parseHandler(handler)).toBeUndefined();
  });
});
