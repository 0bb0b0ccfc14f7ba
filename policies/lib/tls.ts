/** "TLS1_2", "1.2", "Tls12", "TLSv1.2" → 1.2; undefined when no version can be read. */
export function tlsVersion(value: string): number | undefined {
  const m = /(\d)[._]?(\d)/.exec(value);
  return m ? Number(`${m[1]}.${m[2]}`) : undefined;
}
