/** Edit distance over characters, so 完成 is one step from 完工 and `hlep` two from `help`. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const substitution = (previous[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution);
    }
    previous = current;
  }
  return previous[y.length] as number;
}

/**
 * The closest candidate, when it is close enough to be a plausible typo. A word with no
 * character left in place is no typo of it: `是` is one step from the alias `?` and means 帮助
 * no more than any other word.
 */
export function closest(word: string, candidates: string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    // Measured against each candidate's own length: 我的工单 is too far from 工单 to be its
    // typo, and that must not hide 我的维修, as far from it but twice as long.
    const plausible =
      distance <= Math.max(1, Math.floor([...candidate].length / 2)) && distance < [...word].length;
    if (plausible && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}
