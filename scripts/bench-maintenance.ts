import { standaloneUnit } from '../src/capabilities/standalone-unit.js';
/**
 * `npm run bench:maintenance`: the hourly maintenance scan over 1,000 machines with two plans
 * each (one per machine by hours, one per type by calendar) on MySQL/MariaDB. Prints the time
 * of the first scan (100 rounds come due and get their task and card), of a steady-state scan
 * (nothing new), and of the one-machine scan that follows a gateway reading or a 报工 (median
 * of 50). Uses a scratch database that is dropped afterwards; MIGRATION_MYSQL_URL picks the server.
 */
import { performance } from 'node:perf_hooks';
import { Outbox } from '../src/chat/outbox/outbox.js';
import { RecipientRouter } from '../src/chat/outbox/recipient-router.js';
import { defaultFactoryConfig } from '../src/capabilities/default-config.js';
import { Equipment } from '../src/equipment/equipment.entity.js';
import { MaintenanceCycle } from '../src/equipment/maintenance/maintenance-cycle.entity.js';
import { MaintenancePlan } from '../src/equipment/maintenance/maintenance-plan.entity.js';
import { scanMaintenance } from '../src/equipment/maintenance/maintenance-scan.js';
import { Person } from '../src/people/person.entity.js';
import { ManualClock } from '../src/shared/clock.js';
import { openBenchDatabase } from './bench-database.js';

const MACHINES = 1_000;
const TYPES = 10;
const DUE = 100;
const NOW = new Date('2026-11-24T02:05:00Z');

const db = await openBenchDatabase();
const { orm } = db;
try {
  const em = orm.em.fork();
  em.create(Person, { id: 'tech', name: '设备员', roles: ['maintenance'] });
  for (let t = 0; t < TYPES; t++) {
    em.create(MaintenancePlan, {
      code: `weekly-${t}`,
      name: `周保养 ${t}`,
      equipmentType: `type-${t}`,
      everyDays: 7,
      leadDays: 1,
      checklist: ['清洁', '润滑'],
      source: 'config',
      createdAt: new Date(NOW.getTime() - 3 * 86_400_000),
    });
  }
  for (let i = 0; i < MACHINES; i++) {
    const code = `M-${String(i).padStart(4, '0')}`;
    // The first DUE machines have run past their 500 hours; the rest are far from it.
    const minutes = i < DUE ? 1_000 * 60 : 600 * 60;
    em.create(Equipment, { code, name: `设备 ${i}`, type: `type-${i % TYPES}`, runningMinutes: minutes });
    em.create(MaintenancePlan, {
      code: `filter-${code}`,
      name: '更换滤网',
      equipment: code,
      everyHours: 500,
      leadHours: 24,
      checklist: [],
      source: 'config',
      createdAt: new Date(NOW.getTime() - 30 * 86_400_000),
    });
  }
  await em.flush();
  const plans = await em.find(MaintenancePlan, {}, { populate: ['equipment'] });
  for (const plan of plans) {
    const machines = plan.equipment
      ? [plan.equipment]
      : await em.find(Equipment, { type: plan.equipmentType });
    for (const machine of machines) {
      em.create(MaintenanceCycle, {
        plan,
        equipment: machine,
        baselineMinutes: plan.equipment ? 400 * 60 : machine.runningMinutes,
        baselineAt: plan.createdAt,
      });
    }
  }
  await em.flush();

  const clock = new ManualClock(NOW);
  const outbox = new Outbox(new RecipientRouter(['console']), clock);
  const deps = () =>
    standaloneUnit(orm.em.fork(), { clock, outbox, config: defaultFactoryConfig, tz: 'Asia/Shanghai' });
  const time = async (work: () => Promise<unknown>) => {
    const start = performance.now();
    await work();
    return performance.now() - start;
  };
  let first = { tasksCreated: 0 };
  const firstMs = await time(async () => (first = await scanMaintenance(deps())));
  const steadyMs = await time(() => scanMaintenance(deps()));
  const single: number[] = [];
  for (let i = 0; i < 50; i++) single.push(await time(() => scanMaintenance(deps(), `M-0${500 + i}`)));
  single.sort((a, b) => a - b);
  console.log(`machines ${MACHINES}, rounds ${MACHINES * 2}, due ${DUE}`);
  console.log(`first scan: ${firstMs.toFixed(0)} ms, ${first.tasksCreated} tasks created`);
  console.log(`steady scan: ${steadyMs.toFixed(0)} ms`);
  console.log(`one machine after a reading: median ${single[25]?.toFixed(1)} ms`);
} finally {
  await db.close();
}
