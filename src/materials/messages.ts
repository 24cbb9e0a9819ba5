/** What 领料 says, in one place for review and translation. */
export const materialMessages = {
  lotNotFound: (lot: string) => `没有找到批次「${lot}」。`,
  lotScanned: (
    lot: string,
    item: string,
    remaining: number,
    quantity: number,
    unit: string,
    received: string,
  ) =>
    `批次 ${lot}：${item}，结存 ${remaining}${unit}（入库 ${quantity}${unit}，${received}）。\n领料请发：领料 <工单> ${lot} <数量>`,
  badQuantity: '领料数量必须大于 0。',
  notAQuantity: (text: string) =>
    `「${text}」不是有效的领料数量。请写数字，可带单位，例如 150、150kg 或 2.5kg（最多 3 位小数）。`,
  wrongUnit: (lot: string, unit: string, written: string) =>
    `批次 ${lot} 以「${unit}」计，不能按「${written}」领料。请写 ${unit} 数，例如 150${unit}。`,
  notWholeUnits: (lot: string, unit: string, quantity: number) =>
    `批次 ${lot} 以「${unit}」计，只能领整数，不能领 ${quantity}${unit}。`,
  lotShort: (lot: string, remaining: number, requested: number, unit: string) =>
    `批次 ${lot} 只剩 ${remaining}${unit}，不够领 ${requested}${unit}。`,
  issued: (lot: string, quantity: number, unit: string, number: string, remaining: number) =>
    `已领料：批次 ${lot} ${quantity}${unit} 用于 ${number}，该批次还剩 ${remaining}${unit}。`,
  lotBelowIssued: (lot: string, quantity: number, issued: number, unit: string) =>
    `批次 ${lot} 已领出 ${issued}${unit}，数量不能改成 ${quantity}${unit}。`,
  lotItemChanged: (lot: string, item: string) => `批次 ${lot} 属于物料 ${item}，不能改成别的物料。`,
  itemNotFound: (item: string) => `没有找到物料「${item}」。`,
};
