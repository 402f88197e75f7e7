/**
 * Which addresses say nothing about where a login came from: private, loopback, link-local and
 * CGNAT (the hospital's own network and VPN pools), and documentation ranges. For the
 * rest, the "network" is a coarse prefix (/16 for IPv4, /32 for IPv6) — a stand-in for the provider
 * when no ASN data is at hand.
 */
function ipv4(ip: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return null;
  const parts = m.slice(1, 5).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return (((parts[0] ?? 0) << 24) >>> 0) + ((parts[1] ?? 0) << 16) + ((parts[2] ?? 0) << 8) + (parts[3] ?? 0);
}

/** The eight 16-bit groups of an IPv6 address, or null. */
function ipv6(ip: string): number[] | null {
  if (!ip.includes(':')) return null;
  const [head = '', tail, extra] = ip.toLowerCase().split('::');
  if (extra !== undefined) return null;
  const h = head === '' ? [] : head.split(':');
  const t = tail === undefined || tail === '' ? [] : tail.split(':');
  const fill = tail === undefined ? 0 : 8 - h.length - t.length;
  if (fill < 0) return null;
  const groups = [...h, ...Array<string>(fill).fill('0'), ...t].map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN));
  return groups.length === 8 && groups.every((g) => !Number.isNaN(g)) ? groups : null;
}

const V4_INTERNAL: ReadonlyArray<readonly [string, number]> = [
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['100.64.0.0', 10],
];
const V4_RESERVED: ReadonlyArray<readonly [string, number]> = [
  ['192.0.2.0', 24],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['0.0.0.0', 8],
  ['240.0.0.0', 4],
];

function inV4(n: number, base: string, bits: number): boolean {
  const b = ipv4(base) ?? 0;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return ((n & mask) >>> 0) === ((b & mask) >>> 0);
}

/** The hospital's own kind of address: private, loopback, link-local, CGNAT (also VPN pools). */
export function isInternalIp(ip: string): boolean {
  const v4 = ipv4(ip.replace(/^::ffff:/i, ''));
  if (v4 !== null) return V4_INTERNAL.some(([base, bits]) => inV4(v4, base, bits));
  const g = ipv6(ip);
  if (!g) return false;
  const first = g[0] ?? 0;
  const loopback = g.slice(0, 7).every((x) => x === 0) && g[7] === 1;
  return loopback || (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80;
}

/** Documentation and reserved ranges: public-looking but locating nobody (country data maps some of them anyway). */
export function isReservedIp(ip: string): boolean {
  const v4 = ipv4(ip.replace(/^::ffff:/i, ''));
  if (v4 !== null) return V4_RESERVED.some(([base, bits]) => inV4(v4, base, bits));
  const g = ipv6(ip);
  return g !== null && g[0] === 0x2001 && g[1] === 0x0db8;
}

/** A coarse network label for "new network" evidence: "133.242.0.0/16", "2400:4050::/32". */
export function networkOf(ip: string): string | null {
  const v4 = ipv4(ip.replace(/^::ffff:/i, ''));
  if (v4 !== null) return `${v4 >>> 24}.${(v4 >>> 16) & 255}.0.0/16`;
  const g = ipv6(ip);
  if (!g) return null;
  return `${(g[0] ?? 0).toString(16)}:${(g[1] ?? 0).toString(16)}::/32`;
}

export function isIp(ip: string): boolean {
  return ipv4(ip.replace(/^::ffff:/i, '')) !== null || ipv6(ip) !== null;
}
