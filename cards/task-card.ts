import type { CardSpec } from '../src/chat/cards/issue-card.js';

/** The card a worker taps: one operation of one work order. */
export interface TaskCardData {
  orderNumber: string;
  itemName: string;
  sequence: number;
  operation: string;
  status: 'pending' | 'dispatched' | 'in_progress' | 'done' | 'cancelled';
  statusName: string;
  available: number;
  good: number;
  scrap: number;
  remaining: number;
  assignee: string;
  equipment: string | undefined;
  dueDate: string;
}

export function taskCard(d: TaskCardData): CardSpec {
  const spec: CardSpec = {
    title: `${d.orderNumber} · ${d.sequence} ${d.operation}`,
    subtitle: `${d.itemName} · 交期 ${d.dueDate}`,
    fields: [
      { label: '状态', value: d.statusName },
      { label: '可加工', value: `${d.available} 件` },
      { label: '已报', value: `合格 ${d.good} / 报废 ${d.scrap}` },
      { label: '剩余', value: `${d.remaining} 件` },
      { label: '负责', value: d.assignee },
      ...(d.equipment ? [{ label: '设备', value: d.equipment }] : []),
    ],
    buttons: [],
  };
  if (d.status === 'done') return { ...spec, closedNote: '本工序已完成' };
  if (d.status === 'cancelled') return { ...spec, closedNote: '工单已取消' };
  if (d.status === 'pending') return { ...spec, closedNote: '等待班组长派工' };
  if (d.remaining === 0) return { ...spec, closedNote: '等待上道工序交来合格品' };
  if (d.status === 'dispatched')
    return { ...spec, buttons: [{ text: '开工', action: 'start', style: 'primary' }] };
  return {
    ...spec,
    buttons: [
      // One tap when the defaults are right: the remaining quantity, all good.
      { text: `完工 ${d.remaining} 件`, action: 'finish-all', style: 'primary' },
      { text: '其他数量', action: 'finish-other', style: 'default' },
    ],
  };
}
