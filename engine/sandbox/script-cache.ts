import { hashSource, type SourceKind } from './source';

/** A compiled function registered inside one isolate. */
export interface CompiledScript {
  /** Small id the guest registers the function under, so a call sends a number, not the source. */
  readonly id: number;
  /** SHA-256 of the compiled text (kind, item name, source). */
  readonly hash: string;
  /**
   * Set once a call of this script ran past the synchronous budget: later calls of the same
   * script go straight to the asynchronous path, and chains that contain it are not run.
   */
  prefersAsync: boolean;
}

/**
 * Hashes of sources by kind, item name and source text, shared by every isolate of the process,
 * so that a run of a workflow that ran before hashes nothing. V8 caches a string's own hash in
 * the string, so a repeated lookup with the same source string costs no rehash either. Cleared
 * whole when it contains too many sources or characters.
 */
const MAX_REMEMBERED_HASHES = 10_000;
const MAX_REMEMBERED_CHARS = 8_000_000;
const hashes: Record<SourceKind, Map<string, Map<string, string>>> = {
  code: new Map(),
  expression: new Map(),
};
let rememberedHashes = 0;
let rememberedChars = 0;

/** Returns the SHA-256 of a wrapped source, computed once per process for each source text. */
export function sourceHash(kind: SourceKind, source: string, itemName: string): string {
  let bySource = hashes[kind].get(itemName);
  if (bySource === undefined) {
    bySource = new Map();
    hashes[kind].set(itemName, bySource);
  }

  let hash = bySource.get(source);
  if (hash === undefined) {
    hash = hashSource(kind, source, itemName);
    if (rememberedHashes >= MAX_REMEMBERED_HASHES || rememberedChars >= MAX_REMEMBERED_CHARS) {
      forgetHashes();
      hashes[kind].set(itemName, bySource);
    }
    bySource.set(source, hash);
    rememberedHashes += 1;
    rememberedChars += source.length;
  }
  return hash;
}

function forgetHashes(): void {
  for (const byItemName of Object.values(hashes)) {
    for (const bySource of byItemName.values()) bySource.clear();
    byItemName.clear();
  }
  rememberedHashes = 0;
  rememberedChars = 0;
}

/**
 * The compiled scripts of one isolate, keyed by SHA-256. Compiled functions belong to the isolate
 * that compiled them, so a new isolate starts with a new cache. The V8 code cache (code-cache.ts)
 * carries compiled code from one isolate to the next.
 */
export class ScriptCache {
  private readonly scriptsByHash = new Map<string, CompiledScript>();
  private nextId = 1;

  /** Returns the compiled script of a source, or the source's hash when it is not compiled yet. */
  lookup(kind: SourceKind, source: string, itemName: string): CompiledScript | string {
    const hash = sourceHash(kind, source, itemName);
    return this.scriptsByHash.get(hash) ?? hash;
  }

  /** Reserves the id of a script about to be compiled. */
  reserveId(): number {
    return this.nextId++;
  }

  /** Reserves consecutive ids for scripts compiled together; returns the first. */
  reserveIds(count: number): number {
    const first = this.nextId;
    this.nextId += count;
    return first;
  }

  /** Returns the compiled script of a hash, if any. */
  compiled(hash: string): CompiledScript | undefined {
    return this.scriptsByHash.get(hash);
  }

  add(hash: string, id: number): CompiledScript {
    const script: CompiledScript = { id, hash, prefersAsync: false };
    this.scriptsByHash.set(hash, script);
    return script;
  }
}
