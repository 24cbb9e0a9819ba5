import type { CardSpec } from '../src/chat/cards/issue-card.js';

export interface WorkOrderCardData {
  number: string;
  itemName: string;
  quantity: number;
  customer: string | null;
  dueDate: string;
  statusName: string;
  operations: Array<{ sequence: number; name: string; statusName: string; good: number; scrap: number }>;
}

/** 工单 <号>: where a work order stands, operation by operation. */
export function workOrderCard(d: WorkOrderCardData): CardSpec {
  const finished = d.operations.at(-1)?.good ?? 0;
  return {
    title: `工单 ${d.number} · ${d.statusName}`,
    subtitle: `${d.itemName} × ${d.quantity}${d.customer ? ` · ${d.customer}` : ''} · 交期 ${d.dueDate}`,
    fields: [
      { label: '完成', value: `${finished}/${d.quantity}` },
      ...d.operations.map((o) => ({
        label: `${o.sequence} ${o.name}`,
        value: `${o.statusName} · 合格 ${o.good}${o.scrap > 0 ? ` · 报废 ${o.scrap}` : ''}`,
      })),
    ],
    buttons: [],
  };
}
