import { describe, expect, it } from 'vitest';

import { checkExpressionSyntax, checkScriptSyntax } from './syntax';

describe('checkExpressionSyntax', () => {
  it.each([
    ['vars.order.freight > 500'],
    ["'http://127.0.0.1:' + input.port + '/x'"],
    ['{ id: item.id, total: item.qty * item.price }'],
    ['item.total // a trailing comment'],
    ['vars.items\n  .filter((row) => row.active)\n  .length'],
  ])('accepts %s', (source) => {
    expect(checkExpressionSyntax(source)).toBeNull();
  });

  it.each([
    ['a b', "Unexpected identifier 'b' (line 1, column 3)"],
    ['vars.total +', 'Unexpected end of input'],
    ['(vars.total', 'Unexpected end of input'],
    ['vars.total)', "Unexpected ')' with no matching '('"],
    ["'unterminated", 'Invalid or unexpected token (line 1, column 1)'],
    ['return 1', "Unexpected token 'return' (line 1, column 1)"],
    ['vars.a &&\n  vars.b c', "Unexpected identifier 'c' (line 2, column 10)"],
    ['', 'The expression is empty'],
    ['   ', 'The expression is empty'],
  ])('reports %j', (source, message) => {
    expect(checkExpressionSyntax(source)).toBe(message);
  });

  it('does not run the source', () => {
    const result = checkExpressionSyntax('(() => { while (true) {} })()');

    expect(result).toBeNull();
  });
});

describe('checkScriptSyntax', () => {
  it.each([
    ['return 1;'],
    ['const total = vars.items.reduce((sum, row) => sum + row.price, 0);\nreturn { total };'],
    ['if (input.flag) {\n  return 1;\n}\nreturn 2;'],
    ['// only a comment'],
  ])('accepts %j', (code) => {
    expect(checkScriptSyntax(code)).toBeNull();
  });

  it.each([
    ['const x = ;', "Unexpected token ';' (line 1, column 11)"],
    ['const a = 1;\nconst a = 2;', "Identifier 'a' has already been declared (line 2, column 7)"],
    ['if (x) {\n  return 1;', 'Unexpected end of input'],
    ['return 1;\n}', "Unexpected '}' with no matching '{'"],
    [
      'return await fetch(url);',
      'await is only valid in async functions and the top level bodies of modules (line 1, column 8)',
    ],
    ['with (vars) {}', 'Strict mode code may not include a with statement (line 1, column 1)'],
    ['return (\n  1 +\n);', "Unexpected token ')' (line 3, column 1)"],
  ])('reports %j', (code, message) => {
    expect(checkScriptSyntax(code)).toBe(message);
  });

  it('does not run the code', () => {
    const result = checkScriptSyntax('while (true) {}');

    expect(result).toBeNull();
  });
});
