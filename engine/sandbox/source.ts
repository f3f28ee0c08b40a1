import { createHash } from 'node:crypto';

import { CODE_FILENAME, EXPRESSION_FILENAME } from './guest-runtime';

export type SourceKind = 'code' | 'expression';

/** The name of the loop item when the loop does not set `as`. */
export const DEFAULT_ITEM_NAME = 'item';

const IDENTIFIER_PATTERN = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Names a loop item cannot take: the other locals, and words JavaScript reserves. */
const UNAVAILABLE_ITEM_NAMES = new Set([
  'vars',
  'input',
  'index',
  'arguments',
  'eval',
  'await',
  'break',
  'case',
  'catch',
  'class',
  'const',
  'continue',
  'debugger',
  'default',
  'delete',
  'do',
  'else',
  'enum',
  'export',
  'extends',
  'false',
  'finally',
  'for',
  'function',
  'if',
  'implements',
  'import',
  'in',
  'instanceof',
  'interface',
  'let',
  'new',
  'null',
  'package',
  'private',
  'protected',
  'public',
  'return',
  'static',
  'super',
  'switch',
  'this',
  'throw',
  'true',
  'try',
  'typeof',
  'var',
  'void',
  'while',
  'with',
  'yield',
]);

/** Checks a loop's `as` name; returns null when it is usable, or the reason when it is not. */
export function checkItemName(name: string): string | null {
  if (!IDENTIFIER_PATTERN.test(name) || UNAVAILABLE_ITEM_NAMES.has(name)) {
    return `loop variable name "${name}" is not allowed; use a JavaScript identifier other than vars, input and index`;
  }
  return null;
}

/**
 * Wraps user source into a script that evaluates to a strict-mode function of
 * `(vars, input, <item name>, index)`. The user's text starts on line 2 and the script is compiled
 * with a line offset of -1, so positions in errors and stack traces are the user's own.
 *
 * `extraBracket` opens one more bracket before the source and never closes it. syntax.ts compiles
 * that variant to tell an unmatched closing bracket from a source that ends too early.
 *
 * NOTE: V8 attributes some errors of an expression's first operation (`missing > 1`) to the
 * wrapper's `return`, on line 0, so those errors carry no position.
 */
export function wrapSource(
  kind: SourceKind,
  source: string,
  itemName: string,
  extraBracket = false,
): string {
  const header = `(function (vars, input, ${itemName}, index) { 'use strict';`;
  if (kind === 'code') {
    return extraBracket ? `${header} {\n${source}\n})` : `${header}\n${source}\n})`;
  }
  return extraBracket
    ? `${header} return ((\n${source}\n); })`
    : `${header} return (\n${source}\n); })`;
}

export function sourceFilename(kind: SourceKind): string {
  return kind === 'code' ? CODE_FILENAME : EXPRESSION_FILENAME;
}

/** Compile options that make line 1 of the user's source line 1 in error positions. */
export function compileOptions(kind: SourceKind): { filename: string; lineOffset: number } {
  return { filename: sourceFilename(kind), lineOffset: -1 };
}

/** SHA-256 of what is compiled: the kind, the item name and the source. */
export function hashSource(kind: SourceKind, source: string, itemName: string): string {
  return createHash('sha256').update(`${kind}\0${itemName}\0${source}`).digest('hex');
}

export interface SyntaxProblem {
  message: string;
  line?: number;
  column?: number;
  /** True when V8 stopped on the wrapper's closing tokens, after the user's last line. */
  pastEnd: boolean;
}

const POSITION_SUFFIX = / \[[^\]]*:(\d+):(\d+)\]$/;

/** Reads a V8 syntax error as isolated-vm reports it (`Unexpected token ')' [js-code:2:1]`). */
export function readSyntaxError(error: unknown, source: string): SyntaxProblem {
  const text = error instanceof Error ? error.message : String(error);
  const match = POSITION_SUFFIX.exec(text);
  if (!match) return { message: text, pastEnd: false };

  const message = text.slice(0, match.index);
  const line = Number(match[1]);
  const lineCount = source.split('\n').length;
  if (line < 1 || line > lineCount) return { message, pastEnd: true };
  return { message, line, column: Number(match[2]), pastEnd: false };
}

/** Formats a position as `(line 2, column 5)`, or nothing when it is unknown. */
export function formatPosition(problem: { line?: number; column?: number }): string {
  if (problem.line === undefined) return '';
  if (problem.column === undefined) return ` (line ${problem.line})`;
  return ` (line ${problem.line}, column ${problem.column})`;
}
