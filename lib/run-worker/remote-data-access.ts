/**
 * The worker side of data access: a `DataAccess` whose every call is sent to the server process,
 * which runs it on the real database and sends the result back. The worker never opens the
 * database itself, because the embedded PGlite admits a single process.
 */

import type { DataAccess } from '../../engine/data';
import { restoreError, type DataMethod, type ErrorCopy, type WorkerMessage } from './protocol';

interface PendingCall {
  resolve(value: unknown): void;
  reject(error: unknown): void;
  release(): void;
}

export class RemoteDataAccess {
  private nextCallId = 1;
  private readonly pending = new Map<number, PendingCall>();

  constructor(private readonly send: (message: WorkerMessage) => void) {}

  /** The `DataAccess` the engine runs on. */
  readonly access: DataAccess = {
    findTable: (tenantId, name) => this.call('findTable', [tenantId, name]),
    queryRows: (tenantId, query, signal) => this.call('queryRows', [tenantId, query], signal),
    findRow: (tenantId, tableId, rowId, signal) =>
      this.call('findRow', [tenantId, tableId, rowId], signal),
    insertRow: (tenantId, tableId, values, signal) =>
      this.call('insertRow', [tenantId, tableId, values], signal),
    updateRow: (tenantId, tableId, rowId, values, signal) =>
      this.call('updateRow', [tenantId, tableId, rowId, values], signal),
    deleteRow: (tenantId, tableId, rowId, signal) =>
      this.call('deleteRow', [tenantId, tableId, rowId], signal),
  };

  /** Settles a call with the server's reply; replies to calls already aborted are dropped. */
  settle(callId: number, outcome: { value: unknown } | { error: ErrorCopy }): void {
    const call = this.pending.get(callId);
    if (!call) return;

    this.pending.delete(callId);
    call.release();
    if ('error' in outcome) call.reject(restoreError(outcome.error));
    else call.resolve(outcome.value);
  }

  private call<T>(method: DataMethod, args: unknown[], signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(signal.reason);

    const callId = this.nextCallId++;
    return new Promise<T>((resolve, reject) => {
      // The statement on the server is cancelled too; the engine moves on at once.
      const onAbort = () => {
        this.pending.delete(callId);
        this.send({ type: 'data-abort', callId });
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });

      this.pending.set(callId, {
        resolve: resolve as (value: unknown) => void,
        reject,
        release: () => signal?.removeEventListener('abort', onAbort),
      });
      this.send({ type: 'data-call', callId, method, args });
    });
  }
}
