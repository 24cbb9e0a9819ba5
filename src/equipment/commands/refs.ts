/** `R12`, `r12` or `12` → 12 for prefix R; undefined when it is not such a reference. */
export function refNumber(ref: string, prefix: 'R' | 'M'): number | undefined {
  const match = new RegExp(`^${prefix}?(\\d{1,9})$`, 'i').exec(ref.trim());
  return match ? Number(match[1]) : undefined;
}
