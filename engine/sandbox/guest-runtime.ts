import { GUEST_CONSOLE_SOURCE } from './guest-console';
import { GUEST_HARDEN_SOURCE } from './guest-harden';
import { GUEST_VALUES_SOURCE } from './values';

export interface GuestLimits {
  maxLogLines: number;
  maxLogLineLength: number;
}

/** File name of `js` block code in guest stack traces, so error locations point at user lines. */
export const CODE_FILENAME = 'js-code';
/** File name of expressions in guest stack traces. */
export const EXPRESSION_FILENAME = 'js-expression';

/**
 * Guest source of the run's state and of the four functions the server calls. `initialize`,
 * `assign` and `call` return a JSON text, either `{"value": ..., "logs": [...]}` or
 * `{"error": {...}}`, so that only a string crosses back. `vars` and `input` live here,
 * deep-frozen, and each assignment replaces `vars` with a new frozen object.
 */
const GUEST_STATE_SOURCE = String.raw`
const functions = new Map();
let input = null;
let vars = freeze({});
const locationPattern = /\b(?:js-code|js-expression):(\d+):(\d+)/;

function define(id, candidate) {
  if (typeof candidate !== 'function') throw new TypeError('compiled source is not a function');
  functions.set(id, candidate);
}

function initialize(newInput, newVars) {
  try {
    const checkedInput = toJsonValue(newInput, 'input');
    const checkedVars = toJsonValue(newVars, 'vars');
    input = checkedInput;
    vars = checkedVars;
    return '{}';
  } catch (error) {
    return failure(error);
  }
}

function assign(key, value) {
  try {
    vars = withVar(key, toJsonValue(value, 'vars', key));
    return '{}';
  } catch (error) {
    return failure(error);
  }
}

function withVar(key, value) {
  // A computed key defines an own property, even for "__proto__".
  return freeze({ ...vars, [key]: value });
}

function call(id, item, index, assignTo, resultName, itemName) {
  resetLogs();
  try {
    const localItem = item === undefined ? undefined : toJsonValue(item, itemName);
    const result = functions.get(id)(vars, input, localItem, index);
    const value = toJsonValue(result, resultName);
    if (assignTo !== undefined) vars = withVar(assignTo, value);
    if (hasLogs()) return JSON.stringify({ value, logs: takeLogs() });
    return '{"value":' + JSON.stringify(value) + '}';
  } catch (error) {
    return failure(error);
  }
}

function failure(error) {
  const kind = isBoundaryError(error) ? 'value' : 'script';
  const logs = hasLogs() ? takeLogs() : undefined;
  return JSON.stringify({ error: Object.assign({ kind }, describeThrown(error)), logs });
}

function describeThrown(thrown) {
  try {
    if (thrown instanceof Error) {
      const stack = thrown.stack;
      const location = typeof stack === 'string' ? findLocation(stack) : null;
      const text = isBoundaryError(thrown) ? thrown.message : String(thrown.name) + ': ' + String(thrown.message);
      return location === null ? { text } : { text, line: location[0], column: location[1] };
    }
    return { text: typeof thrown === 'string' ? JSON.stringify(thrown) : formatLogArgument(thrown) };
  } catch {
    return { text: 'a value that could not be described' };
  }
}

function findLocation(stack) {
  const framesStart = stack.indexOf('\n    at ');
  const match = framesStart < 0 ? null : locationPattern.exec(stack.slice(framesStart));
  return match === null ? null : [Number(match[1]), Number(match[2])];
}
`;

/**
 * Builds the bootstrap script of an isolate. It evaluates to a frozen object with `define`,
 * `initialize`, `assign` and `call`, and the server keeps references to them. Guest code cannot
 * reach them, because they are never stored on the global object.
 */
export function buildBootstrapSource(limits: GuestLimits): string {
  const limitsLiteral = JSON.stringify({
    maxLogLines: limits.maxLogLines,
    maxLogLineLength: limits.maxLogLineLength,
  });

  return [
    '(function () {',
    "'use strict';",
    `const limits = Object.freeze(${limitsLiteral});`,
    GUEST_VALUES_SOURCE,
    GUEST_CONSOLE_SOURCE,
    GUEST_STATE_SOURCE,
    GUEST_HARDEN_SOURCE,
    "Object.defineProperty(globalThis, 'console', { value: guestConsole, writable: false, enumerable: false, configurable: false });",
    'hardenRealm();',
    'return Object.freeze({ define, initialize, assign, call });',
    '})()',
  ].join('\n');
}
