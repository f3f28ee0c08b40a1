import { describe, expect, it } from 'vitest';

import { warmUpEngine } from './warm-up';

describe('worker warm-up', () => {
  it('runs its graph to success without data access', async () => {
    expect(await warmUpEngine()).toBe('success');
  });
});
