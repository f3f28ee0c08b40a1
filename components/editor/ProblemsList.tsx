'use client';

import { useReactFlow } from '@xyflow/react';

import { useDebuggerSelector } from '@/components/debugger/useDebuggerSelector';
import { useDebuggerStore } from '@/components/debugger/useDebuggerStore';
import { useProblems } from '@/components/debugger/useProblems';
import type { DebuggerState } from '@/components/debugger/debugger-state';

const selectValidating = (state: DebuggerState) => state.validating;

/** Lists every validation problem of the graph. Clicking one selects its block and shows it. */
export function ProblemsList() {
  const problems = useProblems();
  const validating = useDebuggerSelector(selectValidating);
  const store = useDebuggerStore();
  const { fitView } = useReactFlow();

  const reveal = (blockId: string) => {
    store.selectBlock(blockId);
    void fitView({ nodes: [{ id: blockId }], maxZoom: 1, duration: 200, padding: 0.6 });
  };

  return (
    <section className="problems" aria-label="Problems" data-testid="problems">
      <h2 className="problems__title">
        Problems
        <span
          className={problems.length > 0 ? 'count count--danger' : 'count'}
          data-testid="problem-count"
        >
          {problems.length}
        </span>
      </h2>
      {problems.length === 0 ? (
        <p className="problems__empty">
          {validating ? 'Checking…' : 'No problems: the workflow can run.'}
        </p>
      ) : (
        <ul className="problems__list">
          {problems.map((problem, index) => (
            <li key={`${problem.code}-${problem.blockId ?? problem.edgeId ?? ''}-${index}`}>
              <button
                type="button"
                className="problems__item"
                data-testid="problem"
                disabled={!problem.blockId}
                onClick={() => problem.blockId && reveal(problem.blockId)}
              >
                {problem.blockId && <span className="problems__block">{problem.blockId}</span>}
                <span>{problem.message}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
