/** What 终检 says about serial numbers (part of the quality capability's words). */
export const serialMessages = {
  /** The 终检 reply's last sentence: the serials the accepted pieces now carry. */
  given(numbers: readonly string[], scanned: boolean): string {
    if (scanned) return `已登记序列号 ${numbers.length} 个：${numbers.join('、')}。`;
    if (numbers.length === 1) return `序列号 ${numbers[0]}。`;
    return `序列号 ${numbers[0]} 至 ${numbers.at(-1)}（${numbers.length} 个）。`;
  },
  notSerialised: (order: string, item: string) => `${order} 的物料 ${item} 不按序列号管理，不用登记序列号。`,
  wrongCount: (accepted: number, given: number) =>
    `合格 ${accepted} 件要对应 ${accepted} 个序列号，您写了 ${given} 个。`,
  repeated: (serials: readonly string[]) => `序列号重复：${serials.join('、')}。`,
  tooLong: (serial: string, max: number) => `序列号「${serial}」超过 ${max} 个字符。`,
  taken: (taken: ReadonlyArray<{ serial: string; order: string }>) =>
    `这些序列号已经登记过：${taken.map((t) => `${t.serial}（${t.order}）`).join('、')}。`,
};
