import { hashSource, type SourceKind } from './source';

/** A compiled function registered inside one isolate. */
export interface CompiledScript {
  /** Small id the guest registers the function under, so a call sends a number, not the source. */
  readonly id: number;
  /** SHA-256 of the compiled text (kind, item name, source). */
  readonly hash: string;
  /**
   * Set once a call of this script ran past the synchronous budget: later calls of the same
   * script go straight to the asynchronous path.
   */
  prefersAsync: boolean;
}

/**
 * The compiled scripts of one isolate, keyed by SHA-256. Compiled functions belong to the isolate
 * that compiled them, so a new isolate starts with a new cache.
 *
 * The hash of a source is computed once and remembered by kind, item name and source text. V8
 * caches a string's hash in the string, so a repeated lookup with the same source string costs
 * no rehash.
 */
export class ScriptCache {
  private readonly scriptsByHash = new Map<string, CompiledScript>();
  private readonly hashes: Record<SourceKind, Map<string, Map<string, string>>> = {
    code: new Map(),
    expression: new Map(),
  };
  private nextId = 1;

  /** Returns the compiled script of a source, or the source's hash when it is not compiled yet. */
  lookup(kind: SourceKind, source: string, itemName: string): CompiledScript | string {
    let bySource = this.hashes[kind].get(itemName);
    if (bySource === undefined) {
      bySource = new Map();
      this.hashes[kind].set(itemName, bySource);
    }

    let hash = bySource.get(source);
    if (hash === undefined) {
      hash = hashSource(kind, source, itemName);
      bySource.set(source, hash);
    }
    return this.scriptsByHash.get(hash) ?? hash;
  }

  /** Reserves the id of a script about to be compiled. */
  reserveId(): number {
    return this.nextId++;
  }

  add(hash: string, id: number): CompiledScript {
    const script: CompiledScript = { id, hash, prefersAsync: false };
    this.scriptsByHash.set(hash, script);
    return script;
  }
}
