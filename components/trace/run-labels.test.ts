import { describe, expect, it } from 'vitest';

import { runHref, runIdFromPath, runKind } from './run-labels';

describe('runKind', () => {
  it.each([
    ['preview', 'preview'],
    ['live', 'live'],
    ['snapshot', 'replay'],
  ] as const)('labels mode %s as %s', (mode, kind) => {
    expect(runKind({ mode })).toBe(kind);
  });
});

describe('run addresses', () => {
  it('round-trips a run id through its address', () => {
    expect(runIdFromPath(runHref('wf-1', 'run-9'), 'wf-1')).toBe('run-9');
  });

  it('returns null for the workflow address and other workflows', () => {
    expect(runIdFromPath('/workflows/wf-1', 'wf-1')).toBeNull();
    expect(runIdFromPath('/workflows/wf-2/runs/run-9', 'wf-1')).toBeNull();
  });
});
