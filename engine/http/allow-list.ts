/**
 * The HTTP allow list: `host:port` entries, lowercase, with IPv6 addresses in brackets
 * (`[::1]:8080`). A live `http` block may only reach a URL whose host and port are listed.
 */

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

export class HttpAllowList {
  private readonly entries: Set<string>;

  constructor(entries: readonly string[] = []) {
    this.entries = new Set(entries.map(normalizeEntry).filter((entry) => entry !== ''));
  }

  has(hostPort: string): boolean {
    return this.entries.has(normalizeEntry(hostPort));
  }

  get size(): number {
    return this.entries.size;
  }
}

function normalizeEntry(entry: string): string {
  return entry.trim().toLowerCase();
}

/** Returns the port a URL connects to: its own, else the scheme's default port. */
export function portOf(url: URL): number {
  return url.port === '' ? (DEFAULT_PORTS[url.protocol] ?? 0) : Number(url.port);
}

/** `host:port` of a URL as the allow list spells it; IPv6 hosts keep their brackets. */
export function hostPortOf(url: URL): string {
  return `${url.hostname.toLowerCase()}:${portOf(url)}`;
}

/** `address:port` of a resolved address, IPv6 in brackets. */
export function addressPortOf(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}
