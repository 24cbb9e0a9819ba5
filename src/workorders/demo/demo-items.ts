/** The demo shop's products and raw materials, with their routings. */
export const demoItems = [
  { code: 'STL-Q235', name: 'Q235 钢板', unit: 'kg', kind: 'raw' as const, steps: [] },
  { code: 'BAR-45', name: '45# 圆钢', unit: 'kg', kind: 'raw' as const, steps: [] },
  {
    code: 'BRK-100',
    name: '安装支架',
    unit: '件',
    kind: 'finished' as const,
    steps: [
      { sequence: 10, name: '冲压', equipmentType: 'press', standardMinutes: 0.5 },
      { sequence: 20, name: '折弯', equipmentType: 'bender', standardMinutes: 0.8 },
      { sequence: 30, name: '去毛刺', equipmentType: null, standardMinutes: 0.3 },
    ],
  },
  {
    code: 'SHF-200',
    name: '传动轴',
    unit: '件',
    kind: 'finished' as const,
    steps: [
      { sequence: 10, name: '车削', equipmentType: 'lathe', standardMinutes: 4 },
      { sequence: 20, name: '铣键槽', equipmentType: 'mill', standardMinutes: 3 },
      { sequence: 30, name: '磨削', equipmentType: 'grinder', standardMinutes: 5 },
    ],
  },
  {
    code: 'FLG-300',
    name: '法兰盘',
    unit: '件',
    kind: 'finished' as const,
    // Each flange is marked with its serial at 终检: the demo's `追溯 <序列号>` story.
    serialised: true,
    steps: [
      { sequence: 10, name: '车削', equipmentType: 'lathe', standardMinutes: 6 },
      { sequence: 20, name: '钻孔', equipmentType: 'drill', standardMinutes: 2 },
    ],
  },
  {
    code: 'PLT-400',
    name: '底板',
    unit: '件',
    kind: 'finished' as const,
    steps: [
      { sequence: 10, name: '冲压', equipmentType: 'press', standardMinutes: 0.6 },
      { sequence: 20, name: '钻孔', equipmentType: 'drill', standardMinutes: 1.5 },
    ],
  },
  {
    code: 'PIN-500',
    name: '定位销',
    unit: '件',
    kind: 'finished' as const,
    steps: [
      { sequence: 10, name: '车削', equipmentType: 'lathe', standardMinutes: 1.2 },
      { sequence: 20, name: '磨削', equipmentType: 'grinder', standardMinutes: 1 },
    ],
  },
];
