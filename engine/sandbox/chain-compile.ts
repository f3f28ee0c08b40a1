import { createHash } from 'node:crypto';

import { compileWithCodeCache } from './code-cache';
import { CODE_FILENAME } from './guest-runtime';
import type { GuestRuntime } from './isolate';
import type { CompiledScript, ScriptCache } from './script-cache';

export interface ChainCompileRequest {
  /** The `js` block bodies of the chain, in order; a body may repeat. */
  sources: readonly string[];
  itemName: string;
  /** Bound of running the combined script, which only creates the functions. */
  timeoutMs: number;
}

export interface CompiledChain {
  /** The compiled script of each source, in the order of the request. */
  scripts: CompiledScript[];
  /** Distinct sources compiled by this call; the others were compiled before in this isolate. */
  compiledCount: number;
  /** True when the combined script came from the process's code cache. */
  fromCodeCache: boolean;
}

const LINE_TERMINATOR = /\r\n|[\n\r\u2028\u2029]/g;

/**
 * Returns the compiled scripts of a chain's sources, compiling those the isolate has not seen in
 * one combined script: one compile, one run and one registration for the whole chain, instead of
 * three crossings into the isolate per block. The combined script goes through the process's V8
 * code cache, so the next run's isolate deserializes it.
 *
 * Returns null when the combined script cannot be used: it does not compile, or a source closes
 * its wrapper early and the script yields other than one function per source. The caller then
 * runs the blocks one at a time, whose own compile reports the problem against the block.
 */
export function compiledChain(
  runtime: GuestRuntime,
  cache: ScriptCache,
  request: ChainCompileRequest,
): CompiledChain | null {
  const { sources, itemName } = request;
  const lookups = sources.map((source) => cache.lookup('code', source, itemName));
  const missing = new Map<string, string>();
  lookups.forEach((lookup, index) => {
    if (typeof lookup === 'string') missing.set(lookup, sources[index]!);
  });
  if (missing.size === 0) {
    return { scripts: lookups as CompiledScript[], compiledCount: 0, fromCodeCache: false };
  }

  const defined = defineCombined(runtime, cache, missing, request);
  if (defined === null) return null;

  const { firstId, fromCodeCache } = defined;
  const hashes = [...missing.keys()];
  hashes.forEach((hash, offset) => cache.add(hash, firstId + offset));
  const scripts = lookups.map((lookup) =>
    typeof lookup === 'string' ? cache.compiled(lookup)! : lookup,
  );
  return { scripts, compiledCount: missing.size, fromCodeCache };
}

/** Compiles, runs and registers the combined script; returns the first id, or null. */
function defineCombined(
  runtime: GuestRuntime,
  cache: ScriptCache,
  sourcesByHash: Map<string, string>,
  request: ChainCompileRequest,
): { firstId: number; fromCodeCache: boolean } | null {
  const { text, lineBases, key } = combinedScript(sourcesByHash, request.itemName);

  let compiled;
  try {
    compiled = compileWithCodeCache(
      runtime.isolate,
      text,
      { filename: CODE_FILENAME, lineOffset: 0 },
      key,
    );
  } catch {
    return null;
  }

  const firstId = cache.reserveIds(sourcesByHash.size);
  const timeout = Math.max(1, Math.ceil(request.timeoutMs));
  try {
    const runOptions = { reference: true, release: true, timeout } as const;
    const functions = compiled.script.runSync(runtime.context, runOptions);
    const count = lineBases.length;
    const args = [firstId, functions.derefInto({ release: true }), count, lineBases.join(',')];
    runtime.defineChain.applySync(undefined, args as never[], { timeout });
  } catch {
    return null;
  }
  return { firstId, fromCodeCache: compiled.fromCache };
}

/**
 * Joins sources into one script that evaluates to an array of functions, each wrapped as
 * wrapSource wraps a single body and put in parentheses of its own, so that a body that closes
 * its wrapper early still yields one value. Each body starts on a line of its own, and
 * `lineBases[i]` is the script line before body i's first line.
 */
export function combineSources(
  sources: readonly string[],
  itemName: string,
): { text: string; lineBases: number[] } {
  const parts = ['['];
  const lineBases: number[] = [];
  let nextLine = 2;

  for (const source of sources) {
    lineBases.push(nextLine);
    parts.push(`((function (vars, input, ${itemName}, index) { 'use strict';`, source, '})),');
    nextLine += countLines(source) + 2;
  }
  parts.push(']');
  return { text: parts.join('\n'), lineBases };
}

interface CombinedScript {
  text: string;
  lineBases: number[];
  /** Code cache key: SHA-256 of the item name and the sources' own hashes. */
  key: string;
}

/**
 * Combined scripts of recent chains by item name and source hashes, so that a chain that ran
 * before is neither joined nor hashed again. Cleared whole when it contains too many scripts or
 * characters.
 */
const MAX_COMBINED_SCRIPTS = 500;
const MAX_COMBINED_CHARS = 8_000_000;
const combinedScripts = new Map<string, CombinedScript>();
let combinedChars = 0;

function combinedScript(sourcesByHash: Map<string, string>, itemName: string): CombinedScript {
  const hashes = [...sourcesByHash.keys()].join(',');
  const memoKey = `${itemName}\0${hashes}`;
  let combined = combinedScripts.get(memoKey);
  if (combined !== undefined) return combined;

  const key = createHash('sha256').update(`chain\0${memoKey}`).digest('hex');
  combined = { ...combineSources([...sourcesByHash.values()], itemName), key };
  if (combinedScripts.size >= MAX_COMBINED_SCRIPTS || combinedChars >= MAX_COMBINED_CHARS) {
    combinedScripts.clear();
    combinedChars = 0;
  }
  combinedScripts.set(memoKey, combined);
  combinedChars += combined.text.length;
  return combined;
}

function countLines(source: string): number {
  return (source.match(LINE_TERMINATOR)?.length ?? 0) + 1;
}
