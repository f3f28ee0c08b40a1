/**
 * Prints where a V8 `.cpuprofile` (from `node --cpu-prof`) spent its samples: self time by
 * function, time with callees included for engine and lib functions, and self time by file.
 *
 *   node --import tsx bench/profile/summarize.ts FILE.cpuprofile [TOP]
 */

import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
}

const [file, topArgument] = process.argv.slice(2);
if (!file) throw new Error('Usage: summarize.ts FILE.cpuprofile [TOP]');

const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const totalHits = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);

function shortUrl(url: string): string {
  const marker = url.lastIndexOf('/node_modules/');
  if (marker !== -1) return url.slice(marker + 1);
  return url.replace(/^file:\/\/.*?\/(engine|lib|bench|app)\//, '$1/') || '(native)';
}

function functionKey(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || '(anonymous)'}  ${shortUrl(url)}:${lineNumber + 1}`;
}

function tally(keyOf: (node: ProfileNode) => string): [string, number][] {
  const hits = new Map<string, number>();
  for (const node of profile.nodes) {
    const key = keyOf(node);
    hits.set(key, (hits.get(key) ?? 0) + (node.hitCount ?? 0));
  }
  return [...hits.entries()].sort((a, b) => b[1] - a[1]);
}

/** Samples per function with its callees included, each function counted once per stack. */
function tallyInclusive(keyOf: (node: ProfileNode) => string): [string, number][] {
  const parents = new Map<number, ProfileNode>();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parents.set(child, node);
  }

  const hits = new Map<string, number>();
  for (const node of profile.nodes) {
    if (!node.hitCount) continue;
    const keys = new Set<string>();
    for (let current: ProfileNode | undefined = node; current; current = parents.get(current.id)) {
      keys.add(keyOf(byId.get(current.id)!));
    }
    for (const key of keys) hits.set(key, (hits.get(key) ?? 0) + node.hitCount);
  }
  return [...hits.entries()].sort((a, b) => b[1] - a[1]);
}

const percent = (hits: number) => `${((100 * hits) / totalHits).toFixed(1).padStart(5)}%`;
const top = Number(topArgument ?? 25);

process.stdout.write(
  `${totalHits} samples over ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s\n\nBy function:\n`,
);
for (const [key, hits] of tally(
  (node) =>
    `${node.callFrame.functionName || '(anonymous)'}  ${shortUrl(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`,
).slice(0, top)) {
  process.stdout.write(`${percent(hits)}  ${key}\n`);
}

process.stdout.write('\nBy function, callees included (engine and lib only):\n');
const productFunctions = tallyInclusive(functionKey).filter(([key]) =>
  /\s(engine|lib)\//.test(key),
);
for (const [key, hits] of productFunctions.slice(0, top)) {
  process.stdout.write(`${percent(hits)}  ${key}\n`);
}

process.stdout.write('\nBy file:\n');
for (const [key, hits] of tally((node) => shortUrl(node.callFrame.url)).slice(0, top)) {
  process.stdout.write(`${percent(hits)}  ${key}\n`);
}
