import { describe, expect, it } from 'vitest';
import { builtinFeature } from '../../src/chat/commands/builtin.js';
import { mayUse } from '../../src/chat/commands/command.js';
import { CommandRegistry } from '../../src/chat/commands/registry.js';
import { PendingDialogs } from '../../src/chat/dialogs/pending-dialogs.js';
import { EventRouter } from '../../src/chat/router.js';
import type { Role } from '../../src/config/factory-config.js';
import { ROLES } from '../../src/config/factory-schema.js';
import { features } from '../../src/features.js';
import { ManualClock } from '../../src/shared/clock.js';

const ALL: readonly Role[] = ROLES;
const STAFF: readonly Role[] = ROLES.filter((r) => r !== 'partner');

/**
 * Who may use each chat command: one line per command, every role not listed is refused
 * (admin may use everything). A new command needs its line here, or this test names it.
 */
const roleMatrix: Record<string, readonly Role[]> = {
  帮助: ALL,
  取消: ALL,
  我的任务: ['worker', 'team_lead'],
  开工: ['worker', 'team_lead', 'supervisor'],
  完工: ['worker', 'team_lead', 'supervisor'],
  撤销: ['worker', 'team_lead', 'supervisor'],
  更正: ['team_lead', 'supervisor'],
  工单: STAFF,
  异常: ['worker', 'team_lead', 'supervisor', 'qc', 'maintenance'],
  处理: ['team_lead', 'supervisor', 'qc', 'maintenance'],
  关闭: ['team_lead', 'supervisor', 'qc', 'maintenance'],
  领料: ['worker', 'team_lead', 'supervisor'],
  派工: ['team_lead', 'supervisor'],
  新建工单: ['planner', 'supervisor'],
  下达: ['planner', 'supervisor'],
  工单列表: ['planner', 'supervisor', 'team_lead', 'manager'],
  物料列表: ['planner', 'supervisor', 'team_lead', 'manager'],
  取消工单: ['planner', 'supervisor'],
  改交期: ['planner', 'supervisor'],
  改名: ['planner', 'supervisor'],
  异常列表: ['team_lead', 'supervisor', 'qc', 'maintenance', 'planner', 'manager'],
  日报: ['supervisor', 'team_lead', 'manager', 'planner'],
  追溯: ['qc', 'supervisor', 'manager', 'planner', 'team_lead'],
  KPI: ['manager', 'supervisor', 'planner'],
  大屏: ['supervisor', 'manager'],
  负荷: ['planner', 'supervisor', 'manager'],
  齐套: ['planner', 'supervisor', 'manager'],
  导出: ['planner', 'supervisor', 'manager'],
  打印: ['planner', 'supervisor', 'team_lead', 'qc', 'manager'],
  今日收入: ['worker', 'team_lead', 'supervisor', 'manager'],
  本月收入: ['worker', 'team_lead', 'supervisor', 'manager'],
  首检: ['qc'],
  终检: ['qc'],
  返工完成: ['worker', 'team_lead', 'supervisor'],
  巡检: ['qc'],
  报废申请: ['worker', 'team_lead', 'supervisor'],
  报废审批: ['qc', 'supervisor'],
  参数: ['worker', 'team_lead', 'supervisor', 'qc'],
  工资条: ['worker', 'team_lead', 'supervisor', 'manager'],
  有异议: ['worker', 'team_lead', 'supervisor', 'manager'],
  结算: ['supervisor'],
  异议列表: ['team_lead', 'supervisor', 'manager'],
  处理异议: ['team_lead', 'supervisor', 'manager'],
  报修: STAFF,
  设备: STAFF,
  设备列表: STAFF,
  我的维修: ['maintenance'],
  接单: ['maintenance', 'team_lead', 'supervisor', 'worker'],
  开始维修: ['maintenance'],
  维修完成: ['maintenance'],
  验收: STAFF,
  完成保养: ['maintenance', 'team_lead', 'supervisor', 'worker'],
  延期保养: ['maintenance', 'team_lead', 'supervisor', 'worker'],
  保养计划: ['maintenance', 'team_lead', 'supervisor', 'manager'],
  新建保养计划: ['supervisor'],
  停机: ['worker', 'team_lead', 'supervisor', 'maintenance'],
  开机: ['worker', 'team_lead', 'supervisor', 'maintenance'],
  外发: ['coordinator', 'partner', 'supervisor', 'planner'],
  外发列表: ['coordinator', 'partner', 'supervisor', 'qc', 'planner', 'manager'],
  回厂: ['coordinator', 'qc', 'supervisor'],
  改回厂: ['coordinator', 'partner', 'supervisor'],
  质检: ['qc', 'supervisor'],
  看板: ['coordinator', 'supervisor', 'qc', 'planner', 'manager'],
  外协链接: ['coordinator', 'supervisor'],
  撤销链接: ['coordinator', 'supervisor'],
  看板链接: ['coordinator', 'supervisor', 'manager'],
  积分: STAFF,
  排行: STAFF,
  规则: STAFF,
  加分: ['supervisor'],
  扣分: ['supervisor'],
  表单完成率: ['team_lead', 'supervisor', 'manager'],
  表单: STAFF,
  表单记录: ['team_lead', 'supervisor', 'manager', 'qc'],
};

/** Every command the product registers, the chat's own first, as the app assembles them. */
function productCommands(): CommandRegistry {
  const registry = new CommandRegistry();
  const dialogs = new PendingDialogs(new ManualClock(), 10);
  new EventRouter(registry, dialogs, [builtinFeature(registry, dialogs), ...features]);
  return registry;
}

describe('the role matrix: every command × every role', () => {
  const commands = productCommands().available(['admin']);

  it('has a line for every registered command, and no line for a command that does not exist', () => {
    const names = commands.map((c) => c.name);
    const missing = names.filter((n) => !Object.hasOwn(roleMatrix, n));
    expect(missing, 'commands with no line in roleMatrix (test/chat/role-matrix.test.ts)').toEqual([]);
    const stale = Object.keys(roleMatrix).filter((n) => !names.includes(n));
    expect(stale, 'roleMatrix lines for commands that are not registered').toEqual([]);
  });

  it('allows and refuses each role exactly as the matrix says', () => {
    const wrong: string[] = [];
    for (const command of commands) {
      const allowed = roleMatrix[command.name] ?? [];
      for (const role of ROLES) {
        const expected = role === 'admin' || allowed.includes(role);
        if (mayUse(command, [role]) !== expected)
          wrong.push(`${command.name} × ${role}: should be ${expected ? 'allowed' : 'refused'}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('gives a partner only their outsourcing commands and 帮助/取消', () => {
    const registry = productCommands();
    expect(registry.available(['partner']).map((c) => c.name)).toEqual([
      '帮助',
      '取消',
      '外发',
      '外发列表',
      '改回厂',
    ]);
  });
});
