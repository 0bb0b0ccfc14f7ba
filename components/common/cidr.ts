/** IPv4 CIDR arithmetic shared by the config schema, the VPC and the Azure VNet layout. */

export interface Cidr {
  /** Network address as an unsigned 32-bit number. */
  readonly address: number;
  readonly prefix: number;
}

/** Parses `a.b.c.d/n`; undefined when malformed or when host bits are set. */
export function parseCidr(value: string): Cidr | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  return address % 2 ** (32 - prefix) === 0 ? { address, prefix } : undefined;
}

/** `{address, prefix}` → `a.b.c.d/n`. */
export function formatCidr(address: number, prefix: number): string {
  return `${[24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join(".")}/${prefix}`;
}

/** Whether two well-formed blocks share any address; false when either is malformed. */
export function cidrsOverlap(a: string, b: string): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  if (!x || !y) return false;
  const size = 2 ** (32 - Math.min(x.prefix, y.prefix));
  return Math.floor(x.address / size) === Math.floor(y.address / size);
}
