/** What 领料 says, in one place for review and translation. */
export const materialMessages = {
  lotNotFound: (lot: string) => `没有找到批次「${lot}」。`,
  badQuantity: '领料数量必须大于 0。',
  lotShort: (lot: string, remaining: number, requested: number, unit: string) =>
    `批次 ${lot} 只剩 ${remaining}${unit}，不够领 ${requested}${unit}。`,
  issued: (lot: string, quantity: number, unit: string, number: string, remaining: number) =>
    `已领料：批次 ${lot} ${quantity}${unit} 用于 ${number}，该批次还剩 ${remaining}${unit}。`,
};
