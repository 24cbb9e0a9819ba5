import type { CardSpec } from '../src/chat/cards/issue-card.js';

/** A repair ticket as everyone on it sees it: the maintenance group, the technician, the reporter. */
export interface RepairCardData {
  id: number;
  equipmentCode: string;
  equipmentName: string;
  symptom: string;
  reported: string;
  technician: string;
  state: 'reported' | 'accepted' | 'repairing' | 'verifying' | 'archived';
  stateName: string;
  /** 「报修 30 分钟内（11-23 08:30 前）」 while the state has a limit. */
  limit: string | undefined;
  /** 「王芳 已于 11-23 11:30 验收归档」 once archived. */
  archivedNote: string;
}

/** One step at a time: whoever holds the card sees the next step's button. */
const nextStep: Record<RepairCardData['state'], CardSpec['buttons']> = {
  reported: [{ text: '接单', action: 'accept', style: 'primary' }],
  accepted: [{ text: '开始维修', action: 'start', style: 'primary' }],
  repairing: [{ text: '维修完成', action: 'repaired', style: 'primary' }],
  verifying: [
    { text: '验收通过', action: 'pass', style: 'primary' },
    { text: '验收不通过', action: 'fail', style: 'danger' },
  ],
  archived: [],
};

export function repairCard(d: RepairCardData): CardSpec {
  const spec: CardSpec = {
    title: `维修 R${d.id} · ${d.equipmentCode} ${d.equipmentName}`,
    fields: [
      { label: '设备', value: `${d.equipmentCode} ${d.equipmentName}` },
      { label: '现象', value: d.symptom },
      { label: '报修人', value: d.reported },
      { label: '维修人', value: d.technician },
      { label: '状态', value: d.stateName },
      ...(d.limit === undefined ? [] : [{ label: '时限', value: d.limit }]),
    ],
    buttons: nextStep[d.state],
  };
  return d.state === 'archived' ? { ...spec, closedNote: d.archivedNote } : spec;
}
