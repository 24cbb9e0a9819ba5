import type { FactoryConfig } from '../config/factory-config.js';

/**
 * The demo metalworking shop: about twenty people in three teams. The ids are stable —
 * tests, the README walkthrough and the console rely on them — and double as their WeCom
 * userid and DingTalk staffId.
 */
export const demoTeams: FactoryConfig['teams'] = [
  {
    id: 'cnc',
    name: '数控组',
    wecomGroup: 'wrDemoCnc',
    wecomBotGroup: 'wrDemoCncBot',
    dingtalkGroup: 'cidDemoCnc',
  },
  {
    id: 'stamping',
    name: '冲压组',
    wecomGroup: 'wrDemoStamp',
    wecomBotGroup: 'wrDemoStampBot',
    dingtalkGroup: 'cidDemoStamp',
  },
  {
    id: 'finishing',
    name: '精整组',
    wecomGroup: 'wrDemoFinish',
    wecomBotGroup: 'wrDemoFinishBot',
    dingtalkGroup: 'cidDemoFinish',
  },
];

type CastMember = [id: string, name: string, roles: FactoryConfig['people'][number]['roles'], team?: string];

const cast: CastMember[] = [
  ['zhaolei', '赵磊', ['admin']],
  ['lijianguo', '李建国', ['supervisor']],
  ['chenjing', '陈静', ['planner']],
  ['wangfang', '王芳', ['team_lead'], 'cnc'],
  ['zhangwei', '张伟', ['worker'], 'cnc'],
  ['liuyang', '刘洋', ['worker'], 'cnc'],
  ['yangfan', '杨帆', ['worker'], 'cnc'],
  ['huangtao', '黄涛', ['worker'], 'cnc'],
  ['zhoumin', '周敏', ['team_lead'], 'stamping'],
  ['wujun', '吴军', ['worker'], 'stamping'],
  ['xuqiang', '徐强', ['worker'], 'stamping'],
  ['sunhao', '孙浩', ['worker'], 'stamping'],
  ['maling', '马玲', ['worker'], 'stamping'],
  ['zhuhong', '朱红', ['team_lead'], 'finishing'],
  ['hujie', '胡杰', ['worker'], 'finishing'],
  ['guolin', '郭林', ['worker'], 'finishing'],
  ['heping', '何平', ['worker'], 'finishing'],
  ['linfeng', '林峰', ['worker'], 'finishing'],
  ['gaoyuan', '高远', ['maintenance']],
  ['zhengli', '郑丽', ['manager']],
  ['sunli', '孙丽', ['coordinator']],
  ['zhouqiang', '周强', ['qc']],
];

export const demoPeople: FactoryConfig['people'] = cast.map(([id, name, roles, team]) => ({
  id,
  name,
  roles,
  ...(team ? { team } : {}),
  wecom: id,
  dingtalk: id,
}));

/** Running hours before the demo's own work reports add theirs. */
export const demoEquipment = [
  {
    code: 'CNC-01',
    name: '数控车床 1 号',
    type: 'lathe',
    team: 'cnc',
    location: '一车间 A 区',
    model: 'CK6150',
    commissionedOn: '2019-05-20',
  },
  {
    code: 'CNC-02',
    name: '数控铣床 2 号',
    type: 'mill',
    team: 'cnc',
    location: '一车间 A 区',
    model: 'XK7136',
    commissionedOn: '2021-03-08',
    runningMinutes: 6420 * 60,
  },
  {
    code: 'PRESS-01',
    name: '冲床 1 号',
    type: 'press',
    team: 'stamping',
    location: '二车间',
    model: 'JH21-80',
    commissionedOn: '2018-09-15',
    runningMinutes: 15230 * 60,
  },
  {
    code: 'PRESS-02',
    name: '折弯机 2 号',
    type: 'bender',
    team: 'stamping',
    location: '二车间',
    model: 'WC67Y-100',
    commissionedOn: '2020-11-02',
    runningMinutes: 9870 * 60,
  },
  {
    code: 'GRIND-01',
    name: '平面磨床',
    type: 'grinder',
    team: 'finishing',
    location: '三车间',
    model: 'M7130',
    runningMinutes: 4310 * 60,
  },
  {
    code: 'DRILL-01',
    name: '台式钻床',
    type: 'drill',
    team: 'finishing',
    location: '三车间',
    runningMinutes: 2150 * 60,
  },
];

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

export const demoLots = [
  { lotNumber: 'L2611-Q235-01', item: 'STL-Q235', quantity: 2000 },
  { lotNumber: 'L2611-Q235-02', item: 'STL-Q235', quantity: 1500 },
  { lotNumber: 'L2611-B45-01', item: 'BAR-45', quantity: 800 },
  { lotNumber: 'L2611-B45-02', item: 'BAR-45', quantity: 600 },
];
