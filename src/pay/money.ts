/** Money is whole fen everywhere; yuan appear only in what people read. `¥12.50`, `-¥3.00`. */
export function yuan(fen: number): string {
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}¥${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** `+¥12.50` for what was just earned, `-¥3.00` for what was taken back. */
export function signedYuan(fen: number): string {
  return fen >= 0 ? `+${yuan(fen)}` : yuan(fen);
}
