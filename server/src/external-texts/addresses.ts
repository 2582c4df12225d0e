/**
 * Which IP addresses an external text may be fetched from (pure, no Strapi). A page named by an editor
 * is fetched by the server, so without this check a URL could make the server read its own admin, a
 * database on the private network or a cloud metadata endpoint (SSRF). Only public unicast addresses
 * pass; the plugin config's `externalTexts.allowPrivateAddresses` lifts the check (a test server, an
 * intranet).
 */
import net from 'node:net';

/** IPv4 ranges that are not the public internet (IANA special-purpose registry, and multicast). */
const V4_BLOCKED: [string, number][] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata lives here)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
];

/** IPv6 ranges that are not the public internet. */
const V6_BLOCKED: [string, number][] = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
];

const blocked = new net.BlockList();
for (const [prefix, bits] of V4_BLOCKED) blocked.addSubnet(prefix, bits, 'ipv4');
for (const [prefix, bits] of V6_BLOCKED) blocked.addSubnet(prefix, bits, 'ipv6');

const hex4 = (a: number, b: number) => `${a >> 8}.${a & 0xff}.${b >> 8}.${b & 0xff}`;

/**
 * The IPv4 address an IPv6 address carries, when it carries one a host would reach: IPv4-mapped
 * (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002:AABB:CCDD::/48).
 */
const embeddedV4 = (ip: string): string | null => {
  const groups = expandV6(ip);
  if (!groups) return null;
  const zeros = (from: number, to: number) => groups.slice(from, to).every((g) => g === 0);
  if (zeros(0, 5) && groups[5] === 0xffff) return hex4(groups[6], groups[7]);
  if (zeros(0, 6) && (groups[6] !== 0 || groups[7] > 1)) return hex4(groups[6], groups[7]);
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zeros(2, 6)) return hex4(groups[6], groups[7]);
  if (groups[0] === 0x2002) return hex4(groups[1], groups[2]);
  return null;
};

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 part allowed), or null. */
const expandV6 = (ip: string): number[] | null => {
  let s = ip.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (dotted) {
    const parts = dotted[1].split('.').map(Number);
    if (parts.some((p) => p > 255)) return null;
    s = s.slice(0, dotted.index) + `${((parts[0] << 8) | parts[1]).toString(16)}:${((parts[2] << 8) | parts[3]).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const side = (h: string) => (h ? h.split(':') : []);
  const head = side(halves[0]);
  const tail = halves.length === 2 ? side(halves[1]) : [];
  const fill = 8 - head.length - tail.length;
  if ((halves.length === 2 && fill < 1) || (halves.length === 1 && fill !== 0)) return null;
  const all = [...head, ...Array(halves.length === 2 ? fill : 0).fill('0'), ...tail];
  const groups = all.map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN));
  return groups.some(Number.isNaN) ? null : groups;
};

/** True when the address is a public unicast address; false for private, loopback, link-local and the rest, and for what is not an IP. */
export const isPublicAddress = (ip: string): boolean => {
  const family = net.isIP(ip.replace(/%.*$/, ''));
  if (family === 4) return !blocked.check(ip, 'ipv4');
  if (family === 6) {
    const bare = ip.replace(/%.*$/, '');
    if (blocked.check(bare, 'ipv6')) return false;
    const v4 = embeddedV4(bare);
    return v4 ? !blocked.check(v4, 'ipv4') : true;
  }
  return false;
};
