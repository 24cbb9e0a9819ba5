/**
 * Twelve work orders in every state, with a week of reports: what `我的任务`, `工单`, the
 * morning digest and the boards show on a first run. Days are relative to the seeding day.
 */
export interface DemoStep {
  sequence: number;
  /** A person id, or `team:<id>`. */
  to: string;
  lead: string;
  equipment?: string;
  started?: boolean;
  dispatchDay?: number;
  /** [day, HH:mm, good, scrap] */
  reports: Array<[number, string, number, number]>;
}

export interface DemoOrder {
  number: string;
  item: string;
  quantity: number;
  customer: string;
  createdDay: number;
  dueDay: number;
  state: 'planned' | 'released' | 'in_progress' | 'completed' | 'closed' | 'cancelled';
  steps?: DemoStep[];
  issues?: Array<{ lot: string; quantity: number; by: string; day: number }>;
  exceptions?: Array<{ by: string; day: number; time: string; reason: string; closedAfterMinutes?: number }>;
}

export const demoOrders: DemoOrder[] = [
  {
    number: 'WO-DEMO-001',
    item: 'SHF-200',
    quantity: 120,
    customer: '华东机械',
    createdDay: -6,
    dueDay: 5,
    state: 'in_progress',
    steps: [
      {
        sequence: 10,
        to: 'zhangwei',
        lead: 'wangfang',
        equipment: 'CNC-01',
        reports: [
          [-4, '11:30', 30, 1],
          [-3, '16:00', 30, 0],
          [-1, '15:30', 20, 1],
        ],
      },
      {
        sequence: 20,
        to: 'liuyang',
        lead: 'wangfang',
        equipment: 'CNC-02',
        reports: [
          [-2, '10:00', 25, 0],
          [-1, '17:00', 15, 0],
        ],
      },
    ],
    issues: [{ lot: 'L2611-B45-01', quantity: 180, by: 'zhangwei', day: -4 }],
  },
  {
    number: 'WO-DEMO-002',
    item: 'BRK-100',
    quantity: 500,
    customer: '远航电器',
    createdDay: -5,
    dueDay: 2,
    state: 'in_progress',
    steps: [
      {
        sequence: 10,
        to: 'wujun',
        lead: 'zhoumin',
        equipment: 'PRESS-01',
        reports: [
          [-4, '12:00', 260, 4],
          [-3, '12:00', 236, 0],
        ],
      },
      {
        sequence: 20,
        to: 'xuqiang',
        lead: 'zhoumin',
        equipment: 'PRESS-02',
        reports: [
          [-2, '11:00', 150, 2],
          [-1, '11:00', 148, 3],
        ],
      },
      { sequence: 30, to: 'team:finishing', lead: 'zhuhong', reports: [] },
    ],
    issues: [{ lot: 'L2611-Q235-01', quantity: 420, by: 'wujun', day: -4 }],
  },
  {
    number: 'WO-DEMO-003',
    item: 'FLG-300',
    quantity: 60,
    customer: '宏达泵业',
    createdDay: -3,
    dueDay: 1,
    state: 'in_progress',
    steps: [
      {
        sequence: 10,
        to: 'zhangwei',
        lead: 'wangfang',
        equipment: 'CNC-01',
        reports: [
          [-1, '10:30', 12, 1],
          [-1, '16:30', 8, 0],
        ],
      },
    ],
    exceptions: [{ by: 'zhangwei', day: -1, time: '14:00', reason: '45# 圆钢缺料，等仓库补货' }],
  },
  {
    number: 'WO-DEMO-004',
    item: 'PLT-400',
    quantity: 300,
    customer: '远航电器',
    createdDay: -7,
    dueDay: -1,
    state: 'in_progress',
    steps: [
      {
        sequence: 10,
        to: 'sunhao',
        lead: 'zhoumin',
        equipment: 'PRESS-01',
        reports: [[-6, '15:00', 300, 6]],
      },
      {
        sequence: 20,
        to: 'hujie',
        lead: 'zhuhong',
        equipment: 'DRILL-01',
        reports: [
          [-3, '16:00', 120, 2],
          [-1, '16:00', 80, 1],
        ],
      },
    ],
    exceptions: [
      { by: 'hujie', day: -2, time: '09:20', reason: '钻床主轴异响，设备故障', closedAfterMinutes: 95 },
    ],
  },
  {
    number: 'WO-DEMO-005',
    item: 'PIN-500',
    quantity: 1000,
    customer: '华东机械',
    createdDay: -1,
    dueDay: 7,
    state: 'released',
    steps: [{ sequence: 10, to: 'team:cnc', lead: 'wangfang', equipment: 'CNC-01', reports: [] }],
  },
  {
    number: 'WO-DEMO-006',
    item: 'SHF-200',
    quantity: 50,
    customer: '宏达泵业',
    createdDay: -1,
    dueDay: 10,
    state: 'released',
    steps: [{ sequence: 10, to: 'liuyang', lead: 'wangfang', equipment: 'CNC-01', reports: [] }],
  },
  {
    number: 'WO-DEMO-007',
    item: 'BRK-100',
    quantity: 200,
    customer: '远航电器',
    createdDay: -7,
    dueDay: -3,
    state: 'completed',
    steps: [
      {
        sequence: 10,
        to: 'maling',
        lead: 'zhoumin',
        equipment: 'PRESS-01',
        reports: [[-6, '11:00', 202, 0]],
      },
      {
        sequence: 20,
        to: 'maling',
        lead: 'zhoumin',
        equipment: 'PRESS-02',
        reports: [[-5, '15:00', 200, 2]],
      },
      { sequence: 30, to: 'guolin', lead: 'zhuhong', reports: [[-4, '10:00', 200, 0]] },
    ],
  },
  {
    number: 'WO-DEMO-008',
    item: 'FLG-300',
    quantity: 40,
    customer: '宏达泵业',
    createdDay: -7,
    dueDay: -5,
    state: 'closed',
    steps: [
      { sequence: 10, to: 'yangfan', lead: 'wangfang', equipment: 'CNC-01', reports: [[-7, '17:00', 40, 0]] },
      { sequence: 20, to: 'heping', lead: 'zhuhong', equipment: 'DRILL-01', reports: [[-6, '10:00', 40, 0]] },
    ],
  },
  {
    number: 'WO-DEMO-009',
    item: 'PIN-500',
    quantity: 300,
    customer: '新立五金',
    createdDay: 0,
    dueDay: 14,
    state: 'planned',
  },
  {
    number: 'WO-DEMO-010',
    item: 'PLT-400',
    quantity: 150,
    customer: '新立五金',
    createdDay: 0,
    dueDay: 12,
    state: 'planned',
  },
  {
    number: 'WO-DEMO-011',
    item: 'SHF-200',
    quantity: 30,
    customer: '华东机械',
    createdDay: -4,
    dueDay: 6,
    state: 'cancelled',
  },
  {
    number: 'WO-DEMO-012',
    item: 'BRK-100',
    quantity: 100,
    customer: '新立五金',
    createdDay: -2,
    dueDay: 3,
    state: 'in_progress',
    steps: [
      { sequence: 10, to: 'wujun', lead: 'zhoumin', equipment: 'PRESS-01', reports: [[-1, '09:30', 100, 0]] },
      { sequence: 20, to: 'team:stamping', lead: 'zhoumin', equipment: 'PRESS-02', reports: [] },
    ],
  },
];
