import { afterEach, describe, expect, it } from 'vitest';
import { PointEntry } from '../../src/incentives/point-entry.entity.js';
import { MAINTENANCE_WATCH_JOB } from '../../src/equipment/jobs/maintenance-watch.job.js';
import { MaintenanceTask } from '../../src/equipment/maintenance/maintenance-task.entity.js';
import { EVALUATE_INCENTIVES_JOB } from '../../src/incentives/jobs/evaluate-incentives.job.js';
import { equipmentYaml, local, startWorld, type World } from './world.js';

const rulesYaml = `${equipmentYaml.trimEnd()}
incentives:
  rules:
    - { id: quick-fix, name: 快修, on: repair_accepted, when: "minutesUnderLimit > 0", points: 5 }
    - { id: pm-on-time, name: 按期保养, on: maintenance_done, when: "minutesBeforeDue >= 0", points: 3 }
`;

describe('incentive rules on repairs and maintenance', () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.stop();
  });

  it('pays the technician for a repair accepted within its limits and the person who did maintenance on time', async () => {
    world = await startWorld({ factory: rulesYaml });
    const w = world;
    await w.say('zhangwei', '报修 CNC-01 主轴异响');
    w.clock.set(local('08:10'));
    await w.say('gaoyuan', '接单 R1');
    await w.say('gaoyuan', '开始维修 R1');
    w.clock.set(local('09:00'));
    await w.say('gaoyuan', '维修完成 R1 更换轴承');
    await w.say('zhangwei', '验收 R1 通过');

    // The filter round, done by 高远 within its deadline.
    await w.postHours('EXT-01', { hours: 720 });
    w.clock.set(local('15:00'));
    await w.say('gaoyuan', '完成保养 M1');
    await w.say('gaoyuan', '全部');
    await w.runJob(EVALUATE_INCENTIVES_JOB);

    // The lathe's weekly round comes due on 11-30 and is done by 马伟 a day after its deadline.
    w.clock.set(local('00:10', 30));
    await w.runJob(MAINTENANCE_WATCH_JOB);
    w.clock.set(new Date('2026-12-01T09:00:00+08:00'));
    await w.say('mawei', '完成保养 M2');
    await w.say('mawei', '全部');
    await w.runJob(EVALUATE_INCENTIVES_JOB);
    expect(await w.orm.em.fork().count(MaintenanceTask, { status: 'done', doneBy: 'mawei' })).toBe(1);

    const entries = await w.orm.em.fork().find(PointEntry, {}, { orderBy: { id: 'asc' } });
    expect(entries.map((e) => [e.person.id, e.ruleId, e.points, e.details.equipment])).toEqual([
      ['gaoyuan', 'quick-fix', 5, 'CNC-01'],
      ['gaoyuan', 'pm-on-time', 3, 'EXT-01'],
    ]);
    expect(entries[0]?.details).toMatchObject({ repairMinutes: 60, limitMinutes: 30 + 60 + 240 + 120 });
  });
});
