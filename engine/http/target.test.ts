import { describe, expect, it } from 'vitest';

import { HttpAllowList } from './allow-list';
import { checkTarget, type ResolveHost } from './target';

/** Resolves every name to the loopback address, as a DNS answer pointing inward would. */
const resolveToLoopback: ResolveHost = async () => [{ address: '127.0.0.1', family: 4 }];

describe('checkTarget', () => {
  it('rejects a listed name that resolves to a restricted address not listed itself', async () => {
    const allowList = new HttpAllowList(['service.test:8080']);

    const check = checkTarget('http://service.test:8080/hook', allowList, resolveToLoopback);

    await expect(check).rejects.toMatchObject({
      code: 'HTTP_REQUEST_REJECTED',
      message:
        'http://service.test:8080/hook rejected: it resolves to the restricted address 127.0.0.1; only "127.0.0.1:8080" on the HTTP allow list would permit it',
    });
  });

  it('accepts a restricted address that the allow list names explicitly', async () => {
    const allowList = new HttpAllowList(['service.test:8080', '127.0.0.1:8080']);

    const target = await checkTarget('http://service.test:8080/hook', allowList, resolveToLoopback);

    expect(target).toMatchObject({ address: '127.0.0.1', family: 4 });
    expect(target.url.hostname).toBe('service.test');
  });

  it('rejects a name that is not listed before resolving it', async () => {
    let resolved = false;
    const resolve: ResolveHost = async () => {
      resolved = true;
      return [{ address: '127.0.0.1', family: 4 }];
    };

    const check = checkTarget(
      'https://other.test/',
      new HttpAllowList(['service.test:443']),
      resolve,
    );

    await expect(check).rejects.toMatchObject({ code: 'HTTP_REQUEST_REJECTED' });
    expect(resolved).toBe(false);
  });

  it('matches entries without regard to case and applies default ports', async () => {
    const allowList = new HttpAllowList([' 127.0.0.1:80 ']);

    const target = await checkTarget('HTTP://127.0.0.1/x', allowList);

    expect(target.address).toBe('127.0.0.1');
  });

  it('normalizes a numeric host before checking it', async () => {
    const check = checkTarget('http://2130706433:81/', new HttpAllowList(['127.0.0.1:80']));

    await expect(check).rejects.toMatchObject({
      message:
        'http://127.0.0.1:81/ rejected: "127.0.0.1:81" is not on the HTTP allow list; add it to FLOWSCOPE_HTTP_ALLOW to permit it',
    });
  });
});
