/**
 * Chat text arrives as people type it on a phone: full-width letters and digits from a
 * Chinese IME, ideographic spaces, Chinese commas between arguments. NFKC folds the
 * full-width forms to ASCII, the ideographic space included.
 */
export function normalizeText(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\u200b\u00a0]/g, ' ')
    .trim();
}

/**
 * Words are separated by spaces only: commas belong to what people write (`主轴异响，设备故障`)
 * and a free-text argument must keep them.
 */
export function tokenize(raw: string): string[] {
  return normalizeText(raw)
    .split(/\s+/)
    .filter((t) => t !== '');
}
