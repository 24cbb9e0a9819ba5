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
