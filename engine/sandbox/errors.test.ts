import { describe, expect, it } from 'vitest';

import { isSandboxError, SandboxError } from './errors';

describe('isSandboxError', () => {
  it('accepts a SandboxError', () => {
    const error = new SandboxError('SANDBOX_TIMEOUT', 'Block "a": code timed out', {
      blockId: 'a',
      field: 'code',
    });

    expect(isSandboxError(error)).toBe(true);
    expect(error).toMatchObject({ name: 'SandboxError', code: 'SANDBOX_TIMEOUT', blockId: 'a' });
  });

  it('accepts a plain object with the same fields', () => {
    const copied = {
      name: 'SandboxError',
      code: 'SANDBOX_VALUE',
      blockId: 'a',
      field: 'code',
      message: 'Block "a": value at output is NaN',
    };

    expect(isSandboxError(copied)).toBe(true);
  });

  it.each([
    ['null', null],
    ['a string', 'SandboxError'],
    ['a plain Error', new Error('boom')],
    [
      'an unknown code',
      { name: 'SandboxError', code: 'OTHER', blockId: 'a', field: 'f', message: 'm' },
    ],
    [
      'a missing blockId',
      { name: 'SandboxError', code: 'SANDBOX_VALUE', field: 'f', message: 'm' },
    ],
  ])('rejects %s', (_name, value) => {
    expect(isSandboxError(value)).toBe(false);
  });
});
