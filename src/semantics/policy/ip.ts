/** IPv4 and IPv6 addresses and CIDR blocks, for IpAddress / NotIpAddress conditions. */
export interface Cidr {
  readonly bits: 32 | 128;
  readonly value: bigint;
  readonly prefix: number;
}

function parseV4(s: string): bigint | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return null;
  let v = 0n;
  for (const part of m.slice(1)) {
    const n = Number(part);
    if (n > 255) return null;
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

function parseGroups(s: string): number[] | null {
  if (s === "") return [];
  const out: number[] = [];
  for (const g of s.split(":")) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    out.push(parseInt(g, 16));
  }
  return out;
}

function parseV6(s: string): bigint | null {
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const head = parseGroups(halves[0]!);
  const tail = halves.length === 2 ? parseGroups(halves[1]!) : [];
  if (head === null || tail === null) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  let v = 0n;
  for (const g of [...head, ...new Array<number>(missing).fill(0), ...tail]) v = (v << 16n) | BigInt(g);
  return v;
}

export function parseCidr(s: string): Cidr | null {
  const [addr, len, extra] = s.trim().split("/");
  if (addr === undefined || extra !== undefined) return null;
  const v4 = parseV4(addr);
  const bits = v4 !== null ? 32 : 128;
  const value = v4 ?? parseV6(addr);
  if (value === null) return null;
  if (len !== undefined && !/^\d{1,3}$/.test(len)) return null;
  const prefix = len === undefined ? bits : Number(len);
  return prefix > bits ? null : { bits, value, prefix };
}

/** True when `ip` (an address, or a CIDR block: all of it) lies inside `block`. */
export function cidrContains(block: string, ip: string): boolean {
  const b = parseCidr(block);
  const a = parseCidr(ip);
  if (b === null || a === null || a.bits !== b.bits || a.prefix < b.prefix) return false;
  const shift = BigInt(b.bits - b.prefix);
  return a.value >> shift === b.value >> shift;
}
