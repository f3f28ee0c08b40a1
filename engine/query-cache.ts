/**
 * The per-run query cache. Entries are keyed by a SHA-256 of the canonical JSON of everything
 * that decides a query's rows, and dropped when the run writes to their table.
 */

import { createHash } from 'node:crypto';

import { canonicalJson, frozenCopy } from './canonical-json';
import type { ResolvedFilter, ResolvedSort } from './data';
import type { ExecutionMode } from './types';

export interface QueryCacheKeyParts {
  tableId: string;
  filters: ResolvedFilter[];
  sort: ResolvedSort[];
  limit: number;
  single: boolean;
  mode: ExecutionMode;
}

/** The cache key of a query: hex SHA-256 of its canonical JSON, so key order does not matter. */
export function queryCacheKey(parts: QueryCacheKeyParts): string {
  return createHash('sha256').update(canonicalJson(parts)).digest('hex');
}

interface CacheEntry {
  tableId: string;
  value: unknown;
}

export class QueryCache {
  private readonly entries = new Map<string, CacheEntry>();

  /**
   * The cached value, deep-frozen, or undefined on a miss. The frozen value is shared by every
   * hit, so no block can change what a later block receives.
   */
  get(key: string): unknown {
    return this.entries.get(key)?.value;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Stores a deep-frozen copy of `value` and returns that copy. */
  set<T>(key: string, tableId: string, value: T): T {
    const frozen = frozenCopy(value);
    this.entries.set(key, { tableId, value: frozen });
    return frozen;
  }

  /** Drops every entry of a table, after a write to it. */
  invalidateTable(tableId: string): void {
    for (const [key, entry] of this.entries) {
      if (entry.tableId === tableId) this.entries.delete(key);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
