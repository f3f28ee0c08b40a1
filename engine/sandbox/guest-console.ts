/**
 * Guest source of the `console` that `js` blocks see. Lines are buffered inside the isolate and
 * copied out with the call's result, so no host callback is ever reachable from guest code.
 * Lines written by promise callbacks that run after the code returned are dropped, because the
 * result is taken when the code returns.
 *
 * Expects `limits.maxLogLines` and `limits.maxLogLineLength` in scope and defines `guestConsole`,
 * `resetLogs()` and `takeLogs()`.
 */
export const GUEST_CONSOLE_SOURCE = String.raw`
const logLines = [];
let droppedLogLines = 0;
const objectToString = Object.prototype.toString;
const arrayFrom = Array.from;

function resetLogs() {
  logLines.length = 0;
  droppedLogLines = 0;
}

function takeLogs() {
  const lines = logLines.slice();
  if (droppedLogLines > 0) {
    const dropped = droppedLogLines + ' more ' + lineWord(droppedLogLines);
    const kept = limits.maxLogLines + ' ' + lineWord(limits.maxLogLines);
    lines.push('[' + dropped + ' not shown; a call keeps at most ' + kept + ']');
  }
  resetLogs();
  return lines;
}

function lineWord(count) {
  return count === 1 ? 'line' : 'lines';
}

function hasLogs() {
  return logLines.length > 0 || droppedLogLines > 0;
}

function recordLogLine(prefix, args) {
  if (logLines.length >= limits.maxLogLines) {
    droppedLogLines++;
    return;
  }

  let line = prefix;
  for (let i = 0; i < args.length; i++) {
    if (i > 0) line += ' ';
    line += formatLogArgument(args[i]);
  }
  if (line.length > limits.maxLogLineLength) {
    const extra = line.length - limits.maxLogLineLength;
    line = line.slice(0, limits.maxLogLineLength) + '… [' + extra + ' more characters]';
  }
  logLines.push(line);
}

function formatLogArgument(argument) {
  switch (typeof argument) {
    case 'string':
      return argument;
    case 'function':
      return '[Function ' + (argument.name || 'anonymous') + ']';
    case 'bigint':
      return String(argument) + 'n';
    case 'object':
      if (argument !== null) return formatLogObject(argument);
  }
  return String(argument);
}

function formatLogObject(object) {
  try {
    if (object instanceof Error) return String(object.name) + ': ' + String(object.message);
    if (object instanceof Map) return 'Map(' + object.size + ') ' + JSON.stringify(arrayFrom(object), bigintAsText);
    if (object instanceof Set) return 'Set(' + object.size + ') ' + JSON.stringify(arrayFrom(object), bigintAsText);
    const text = JSON.stringify(object, bigintAsText);
    return text === undefined ? String(object) : text;
  } catch (error) {
    return objectToString.call(object) + ' (not printable: ' + (error && error.message) + ')';
  }
}

function bigintAsText(key, value) {
  return typeof value === 'bigint' ? String(value) + 'n' : value;
}

const guestConsole = Object.freeze({
  log: function log(...args) { recordLogLine('', args); },
  info: function info(...args) { recordLogLine('', args); },
  debug: function debug(...args) { recordLogLine('', args); },
  warn: function warn(...args) { recordLogLine('[warn] ', args); },
  error: function error(...args) { recordLogLine('[error] ', args); },
});
`;
