/**
 * Addresses an `http` block may not connect to unless the allow list names them explicitly:
 * loopback, private, link-local (which includes the 169.254.169.254 cloud metadata address),
 * carrier-grade NAT, multicast, and other special-purpose ranges. IPv4-mapped IPv6 addresses
 * (`::ffff:127.0.0.1`) are checked against the IPv4 ranges by `net.BlockList` itself.
 */

import { BlockList, isIP } from 'node:net';

const RESTRICTED_IPV4: Array<[string, number]> = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];

const RESTRICTED_IPV6: Array<[string, number]> = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b::', 96], // NAT64, embeds IPv4
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001::', 32], // Teredo
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4, embeds IPv4
  ['fc00::', 7], // unique local, includes fd00:ec2::254 cloud metadata
  ['fe80::', 10], // link-local
  ['fec0::', 10], // deprecated site-local
  ['ff00::', 8], // multicast
];

const restricted = new BlockList();
for (const [network, prefix] of RESTRICTED_IPV4) restricted.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of RESTRICTED_IPV6) restricted.addSubnet(network, prefix, 'ipv6');

/** Checks whether an IP address is in a restricted range; anything that is not an IP is. */
export function isRestrictedAddress(address: string): boolean {
  const version = isIP(address);
  if (version === 0) return true;

  return restricted.check(address, version === 4 ? 'ipv4' : 'ipv6');
}
