import type { CardSpec } from '../src/chat/cards/issue-card.js';

/** A round of preventive maintenance on one machine, for the person who does it. */
export interface MaintenanceCardData {
  id: number;
  equipmentCode: string;
  equipmentName: string;
  planName: string;
  /** 「运行满 720 小时」 or 「满 30 天」: why it came due. */
  dueBecause: string;
  deadline: string;
  checklist: string[];
  responsible: string;
  status: 'open' | 'accepted' | 'done';
  statusName: string;
  /** 「高远 已于 11-24 15:00 完成」 once done. */
  doneNote: string;
}

export function maintenanceCard(d: MaintenanceCardData): CardSpec {
  const spec: CardSpec = {
    title: `保养 M${d.id} · ${d.equipmentCode}「${d.planName}」`,
    fields: [
      { label: '设备', value: `${d.equipmentCode} ${d.equipmentName}` },
      { label: '到期', value: d.dueBecause },
      { label: '完成期限', value: d.deadline },
      { label: '清单', value: d.checklist.length > 0 ? d.checklist.join('、') : '—' },
      { label: '负责', value: d.responsible },
      { label: '状态', value: d.statusName },
    ],
    buttons: [],
  };
  if (d.status === 'done') return { ...spec, closedNote: d.doneNote };
  return {
    ...spec,
    buttons: [
      ...(d.status === 'open' ? [{ text: '接单', action: 'accept', style: 'primary' as const }] : []),
      // 完成 asks for the checklist; 延期 asks for days and a reason.
      { text: '完成', action: 'done', style: d.status === 'accepted' ? 'primary' : 'default' },
      { text: '延期', action: 'postpone', style: 'default' },
    ],
  };
}
