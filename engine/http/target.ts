/**
 * Checks a URL against the HTTP policy before anything connects. The scheme must be http or
 * https, and its `host:port` must be on the allow list. Every address its host resolves to must
 * be public, unless that `address:port` is itself on the allow list. The checked address is
 * returned so that the connection goes to it and nothing else (see send.ts).
 */

import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

import { HttpRequestFailedError, HttpRequestRejectedError } from '../errors';
import { isRestrictedAddress } from './address-policy';
import { addressPortOf, hostPortOf, portOf, type HttpAllowList } from './allow-list';

export interface CheckedTarget {
  url: URL;
  /** The IP address the connection must use. */
  address: string;
  family: 4 | 6;
}

export type ResolveHost = (host: string) => Promise<Array<{ address: string; family: number }>>;

const resolveWithDns: ResolveHost = (host) => lookup(host, { all: true, verbatim: true });

/**
 * Resolves and checks a URL; throws HttpRequestRejectedError naming the URL and the reason, or
 * HttpRequestFailedError when the host does not resolve.
 */
export async function checkTarget(
  rawUrl: string,
  allowList: HttpAllowList,
  resolve: ResolveHost = resolveWithDns,
): Promise<CheckedTarget> {
  const url = checkAllowList(rawUrl, allowList);

  const addresses = await resolveHost(url, resolve);
  const port = portOf(url);
  for (const { address } of addresses) {
    const addressPort = addressPortOf(address, port);

    if (isRestrictedAddress(address) && !allowList.has(addressPort)) {
      throw new HttpRequestRejectedError(
        `${url.href} rejected: it resolves to the restricted address ${address}; only "${addressPort}" on the HTTP allow list would permit it`,
      );
    }
  }

  const [first] = addresses;
  return { url, address: first!.address, family: first!.family };
}

/**
 * Parses a URL and checks its scheme and `host:port` against the allow list, the checks that
 * need no DNS. Throws HttpRequestRejectedError naming the URL and the reason.
 */
export function checkAllowList(rawUrl: string, allowList: HttpAllowList): URL {
  const url = parseHttpUrl(rawUrl);
  const hostPort = hostPortOf(url);

  if (!allowList.has(hostPort)) {
    throw new HttpRequestRejectedError(
      `${url.href} rejected: "${hostPort}" is not on the HTTP allow list; add it to FLOWSCOPE_HTTP_ALLOW to permit it`,
    );
  }
  return url;
}

function parseHttpUrl(rawUrl: string): URL {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new HttpRequestRejectedError(`${JSON.stringify(rawUrl)} is not a valid URL`);
  }

  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new HttpRequestRejectedError(
      `${url.href} rejected: only http and https URLs are allowed`,
    );
  }
  return url;
}

async function resolveHost(
  url: URL,
  resolve: ResolveHost,
): Promise<Array<{ address: string; family: 4 | 6 }>> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const literalFamily = isIP(host);
  if (literalFamily !== 0) return [{ address: host, family: literalFamily as 4 | 6 }];

  try {
    const resolved = await resolve(host);
    if (resolved.length === 0) throw new Error('no addresses');
    return resolved.map(({ address, family }) => ({ address, family: family as 4 | 6 }));
  } catch (error) {
    throw new HttpRequestFailedError(
      `request to ${url.href} failed: host "${host}" could not be resolved (${(error as Error).message})`,
      { cause: error },
    );
  }
}
