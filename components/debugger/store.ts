/** A minimal external store for `useSyncExternalStore`: state, shallow patches and listeners. */
export interface StoreApi<S> {
  getState(): S;
  setState(patch: Partial<S> | ((state: S) => Partial<S>)): void;
  subscribe(listener: () => void): () => void;
}

export function createStore<S extends object>(initial: S): StoreApi<S> {
  let state = initial;
  const listeners = new Set<() => void>();

  return {
    getState: () => state,

    setState(patch) {
      const changes = typeof patch === 'function' ? patch(state) : patch;
      const changed = Object.keys(changes).some(
        (key) => changes[key as keyof S] !== state[key as keyof S],
      );
      if (!changed) return;

      state = { ...state, ...changes };
      for (const listener of listeners) listener();
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
