import { hashSource, type SourceKind } from './source';

/** A compiled function registered inside one isolate. */
export interface CompiledScript {
  /** Small id the guest knows the function by, so a call sends a number instead of the source. */
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
 * The hash of a source is computed once: later lookups go through a map from the source text,
 * which V8 compares by pointer when the scheduler passes the same string again.
 */
export class ScriptCache {
  private readonly hashesBySource = new Map<string, Map<string, string>>();
  private readonly scriptsByHash = new Map<string, CompiledScript>();
  private nextId = 1;

  /** Returns the cached script and the hash of its source (computed on the first lookup). */
  lookup(
    kind: SourceKind,
    source: string,
    itemName: string,
  ): { script?: CompiledScript; hash: string } {
    const bucketKey = `${kind}:${itemName}`;
    let hashes = this.hashesBySource.get(bucketKey);
    if (hashes === undefined) {
      hashes = new Map();
      this.hashesBySource.set(bucketKey, hashes);
    }

    let hash = hashes.get(source);
    if (hash === undefined) {
      hash = hashSource(kind, source, itemName);
      hashes.set(source, hash);
    }
    return { script: this.scriptsByHash.get(hash), hash };
  }

  /** Reserves the id of a script about to be compiled under `hash`. */
  reserveId(): number {
    return this.nextId++;
  }

  add(hash: string, id: number): CompiledScript {
    const script: CompiledScript = { id, hash, prefersAsync: false };
    this.scriptsByHash.set(hash, script);
    return script;
  }
}
