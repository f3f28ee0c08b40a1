import { GUEST_CONSOLE_SOURCE } from './guest-console';
import { GUEST_HARDEN_SOURCE } from './guest-harden';
import { GUEST_VARS_SOURCE } from './guest-vars';
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
 * Guest source of the run's state and of the functions the server calls. `initialize`, `assign`
 * and `call` return a JSON text, either `{"value": ..., "logs": [...]}` or `{"error": {...}}`,
 * and `callChain` one with the values of several calls, so that only a string crosses back.
 * `input` and the values of `vars` live here, deep-frozen, and `vars` is a read-only view
 * (guest-vars.ts).
 */
const GUEST_STATE_SOURCE = String.raw`
const functions = new Map();
const segments = [];
let input = null;
const locationPattern = /\b(?:js-code|js-expression):(\d+):(\d+)/;

function define(id, candidate) {
  if (typeof candidate !== 'function') throw new TypeError('compiled source is not a function');
  functions.set(id, candidate);
}

// Registers the functions of a chain's combined script under consecutive ids, as one segment.
// basesText lists, comma-separated, the script line before the first line of each source, which
// error positions subtract. A source that closes its wrapper early can change how many values the
// script yields, so the count is checked.
function defineChain(firstId, candidates, count, basesText) {
  if (!isArray(candidates) || candidates.length !== count) {
    throw new TypeError('compiled chain does not yield one function per source');
  }
  for (let i = 0; i < count; i++) {
    if (typeof candidates[i] !== 'function') throw new TypeError('compiled source is not a function');
  }
  segments.push({ firstId, candidates, basesText });
}

function functionOf(id) {
  const single = functions.get(id);
  if (single !== undefined) return single;

  const segment = segmentOf(id);
  return segment === undefined ? undefined : segment.candidates[id - segment.firstId];
}

function lineBaseOf(id) {
  const segment = functions.has(id) ? undefined : segmentOf(id);
  return segment === undefined ? 0 : Number(segment.basesText.split(',')[id - segment.firstId]);
}

function segmentOf(id) {
  for (let i = segments.length - 1; i >= 0; i--) {
    const segment = segments[i];
    const offset = id - segment.firstId;
    if (offset >= 0 && offset < segment.candidates.length) return segment;
  }
  return undefined;
}

function initialize(newInput, newVars) {
  try {
    const checkedInput = toJsonValue(newInput, 'input');
    const checkedVars = toJsonValue(newVars, 'vars');
    input = checkedInput;
    setVars(checkedVars);
    return '{}';
  } catch (error) {
    return failure(error);
  }
}

function assign(key, value) {
  try {
    assignVar(key, toJsonValue(value, 'vars', key));
    return '{}';
  } catch (error) {
    return failure(error);
  }
}


function call(id, item, index, assignTo, resultName, itemName) {
  resetLogs();
  try {
    const localItem = item === undefined ? undefined : toJsonValue(item, itemName);
    const result = functionOf(id)(vars, input, localItem, index);
    const value = toJsonValue(result, resultName);
    if (assignTo !== undefined) assignVar(assignTo, value);
    if (hasLogs()) return JSON.stringify({ value, logs: takeLogs() });
    return '{"value":' + JSON.stringify(value) + '}';
  } catch (error) {
    return failure(error, lineBaseOf(id));
  }
}

// Runs the functions of consecutive js blocks in order, each seeing the outputs assigned before
// it. It stops before the first one that throws or returns a value JSON cannot hold, and the
// server runs that one again with call(), which reports the failure. planText is the JSON of
// { ids, assignTos }. Returns the values, console lines and finishing times of the functions that
// finished, as JSON text. When the server stops the call, chainProgress() returns the same for the
// functions that finished before it.
let chain = newChainProgress();

function newChainProgress() {
  return { finishedAt: [], values: [], logsByIndex: null };
}

function callChain(planText, item, index, itemName) {
  const plan = JSON.parse(planText);
  chain = newChainProgress();
  let localItem;
  try {
    localItem = item === undefined ? undefined : toJsonValue(item, itemName);
  } catch {
    return chainProgress();
  }

  for (let i = 0; i < plan.ids.length; i++) {
    resetLogs();
    let value;
    try {
      value = toJsonValue(functionOf(plan.ids[i])(vars, input, localItem, index), 'output');
    } catch {
      break;
    }
    const assignTo = plan.assignTos[i];
    if (assignTo !== null) assignVar(assignTo, value);
    chain.values.push(JSON.stringify(value));
    if (hasLogs()) {
      chain.logsByIndex ??= {};
      chain.logsByIndex[i] = takeLogs();
    }
    chain.finishedAt.push(clockMs());
  }
  return chainProgress();
}

function chainProgress() {
  const { finishedAt, values, logsByIndex } = chain;
  chain = newChainProgress();
  const count = finishedAt.length;
  const logs = logsByIndex === null ? '' : ',"logs":' + JSON.stringify(logsByIndex);
  return '{"finishedAt":[' + finishedAt.join(',') + '],"values":[' + values.slice(0, count).join(',') + ']' + logs + '}';
}

// Runs the chain path on throwaway functions before any user code, so that the first chain of a
// run does not start in cold runtime code. Each run gets a new isolate, and without this the first
// blocks of a chain took several times longer than later ones. It leaves no state behind.
function warmUp(rounds, count) {
  const candidates = [];
  const assignTos = [];
  for (let i = 0; i < count; i++) {
    candidates.push(function (vars, input, item, index) { return i; });
    assignTos.push('warm' + i);
  }
  const firstId = -count;
  const ids = candidates.map((_, i) => firstId + i);
  defineChain(firstId, candidates, count, '');
  for (let round = 0; round < rounds; round++) {
    callChain(JSON.stringify({ ids, assignTos }), undefined, undefined, 'item');
  }
  segments.length = 0;
  setVars({});
  resetLogs();
}

function failure(error, lineBase) {
  const kind = isBoundaryError(error) ? 'value' : 'script';
  const logs = hasLogs() ? takeLogs() : undefined;
  return JSON.stringify({ error: Object.assign({ kind }, describeThrown(error, lineBase)), logs });
}

function describeThrown(thrown, lineBase) {
  try {
    if (thrown instanceof Error) {
      const stack = thrown.stack;
      const location = typeof stack === 'string' ? findLocation(stack, lineBase) : null;
      const text = isBoundaryError(thrown) ? thrown.message : String(thrown.name) + ': ' + String(thrown.message);
      return location === null ? { text } : { text, line: location[0], column: location[1] };
    }
    return { text: typeof thrown === 'string' ? JSON.stringify(thrown) : formatLogArgument(thrown) };
  } catch {
    return { text: 'a value that could not be described' };
  }
}

function findLocation(stack, lineBase) {
  const framesStart = stack.indexOf('\n    at ');
  const match = framesStart < 0 ? null : locationPattern.exec(stack.slice(framesStart));
  return match === null ? null : [Number(match[1]) - lineBase, Number(match[2])];
}
`;

/**
 * Guest source of `clockMs()`, milliseconds on the server's monotonic clock with nanosecond
 * resolution, which times each block of a chain. It reads isolated-vm's `lib.hrtime`, libuv's
 * `uv_hrtime`, the clock behind the server's `performance.now()` too, so the two differ by a
 * constant. Only a bound function keeps the lib handle, inside the runtime's closure: guest code
 * can reach neither, and the handle is no Reference, Callback or ExternalCopy.
 */
const GUEST_CLOCK_SOURCE = String.raw`
const readHrtime = Function.prototype.call.bind(lib.hrtime, lib);

function clockMs() {
  const time = readHrtime();
  return time[0] * 1e3 + time[1] / 1e6;
}
`;

/** Names of the guest functions the server keeps references to. */
export const GUEST_FUNCTION_NAMES = [
  'define',
  'defineChain',
  'initialize',
  'assign',
  'call',
  'callChain',
  'chainProgress',
] as const;

/**
 * Builds the bootstrap script of an isolate. It evaluates to a function of isolated-vm's `lib`
 * that returns a frozen object with the functions of `GUEST_FUNCTION_NAMES`, and the server keeps
 * references to them. Guest code cannot reach them, because they are never stored on the global
 * object.
 */
export function buildBootstrapSource(limits: GuestLimits): string {
  const limitsLiteral = JSON.stringify({
    maxLogLines: limits.maxLogLines,
    maxLogLineLength: limits.maxLogLineLength,
  });

  return [
    '(function (lib) {',
    "'use strict';",
    `const limits = Object.freeze(${limitsLiteral});`,
    GUEST_CLOCK_SOURCE,
    GUEST_VALUES_SOURCE,
    GUEST_CONSOLE_SOURCE,
    GUEST_VARS_SOURCE,
    GUEST_STATE_SOURCE,
    GUEST_HARDEN_SOURCE,
    "Object.defineProperty(globalThis, 'console', { value: guestConsole, writable: false, enumerable: false, configurable: false });",
    'hardenRealm();',
    'warmUp(1, 12);',
    `return Object.freeze({ ${GUEST_FUNCTION_NAMES.join(', ')} });`,
    '})',
  ].join('\n');
}
