import { standaloneUnit } from '../src/capabilities/standalone-unit.js';
/**
 * `npm run bench:overdue`: one outsourcing reminder scan over 1,000,000 outsourcing orders
 * (10,000 open, 500 of them overdue) on MySQL/MariaDB. Prints the time of the first scan
 * (which writes every reminder due) and of a steady-state scan (nothing new is due), and
 * the plan of the candidate query. Uses a scratch database that is dropped afterwards;
 * MIGRATION_MYSQL_URL picks the server.
 */
import { performance } from 'node:perf_hooks';
import mysql from 'mysql2/promise';
import { Outbox } from '../src/chat/outbox/outbox.js';
import { RecipientRouter } from '../src/chat/outbox/recipient-router.js';
import { defaultFactoryConfig } from '../src/capabilities/default-config.js';
import { scanReminders } from '../src/outsourcing/reminder-service.js';
import { ManualClock } from '../src/shared/clock.js';
import { createLogger } from '../src/shared/logger.js';
import { openBenchDatabase } from './bench-database.js';

const TOTAL = 1_000_000;
const OPEN = 10_000;
const OVERDUE = 500;
const BATCH = 5_000;
const PARTNERS = 10;
const NOW = Date.UTC(2026, 10, 24, 2, 0, 0);
const HOUR = 3_600_000;

const db = await openBenchDatabase();
const { orm } = db;
const conn = await mysql.createConnection(db.url);
try {
  const created = new Date(NOW - 90 * 24 * HOUR);
  await conn.query(
    "INSERT INTO items (code, name, unit, kind) VALUES ('BTN-01', '金属纽扣', '件', 'finished')",
  );
  for (let p = 0; p < PARTNERS; p++) {
    await conn.query(
      'INSERT INTO outsourcing_partners (code, name, process, active, created_at) VALUES (?, ?, ?, 1, ?)',
      [`P${p}`, `外协厂${p}`, '电镀', created],
    );
    await conn.query(
      'INSERT INTO people (id, name, roles, active, created_at) VALUES (?, ?, \'["partner"]\', 1, ?)',
      [`c${p}`, `联系人${p}`, created],
    );
    await conn.query(
      "INSERT INTO channel_identities (platform, external_id, person_id) VALUES ('wecom', ?, ?)",
      [`c${p}`, `c${p}`],
    );
    await conn.query(
      'INSERT INTO outsourcing_partner_contacts (partner_code, person_id, `primary`) VALUES (?, ?, 1)',
      [`P${p}`, `c${p}`],
    );
  }
  await conn.query(
    "INSERT INTO people (id, name, roles, active, created_at) VALUES ('sunli', '孙丽', '[\"coordinator\"]', 1, ?), ('boss', '主任', '[\"supervisor\"]', 1, ?)",
    [created, created],
  );
  await conn.query(
    "INSERT INTO channel_identities (platform, external_id, person_id) VALUES ('wecom', 'sunli', 'sunli'), ('wecom', 'boss', 'boss')",
  );

  const seedStart = performance.now();
  for (let start = 0; start < TOTAL; start += BATCH) {
    const rows: unknown[][] = [];
    for (let i = start; i < Math.min(start + BATCH, TOTAL); i++) {
      const open = i >= TOTAL - OPEN;
      const overdue = open && i >= TOTAL - OVERDUE;
      // Closed orders spread over years; open ones due 2–30 days ahead, the overdue 1–72 hours ago.
      const expected = overdue
        ? NOW - (1 + (i % 72)) * HOUR
        : open
          ? NOW + (48 + (i % 672)) * HOUR
          : NOW - (1 + (i % 1000)) * 24 * HOUR;
      rows.push([
        `OS-B${String(i).padStart(7, '0')}`,
        'BTN-01',
        1000,
        '2026-01-01',
        new Date(expected),
        open ? null : new Date(expected),
        open ? 0 : 1000,
        `P${i % PARTNERS}`,
        '电镀',
        `c${i % PARTNERS}`,
        '{}',
        open ? (i % 2 === 0 ? 'shipped' : 'processing') : 'done',
        new Date(expected - 24 * HOUR),
        new Date(expected - 72 * HOUR),
      ]);
    }
    await conn.query(
      'INSERT INTO outsourcing_orders (number, product_code, quantity, ship_date, expected_return_at, actual_return_at, returned_quantity, partner_code, process, contact_id, custom_fields, state, state_changed_at, created_at) VALUES ?',
      [rows],
    );
  }
  await conn.query('ANALYZE TABLE outsourcing_orders');
  console.log(
    `seeded ${TOTAL} outsourcing orders (${OPEN} open, ${OVERDUE} overdue) in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
  );

  const clock = new ManualClock(NOW);
  const config = defaultFactoryConfig;
  const outbox = new Outbox(new RecipientRouter(['wecom-app']), clock);
  const logger = createLogger('warn');
  const scan = async () => {
    const started = performance.now();
    const outcome = await scanReminders({
      ...standaloneUnit(orm.em.fork(), { clock, outbox, config, tz: 'Asia/Shanghai', logger }),
      smsEnabled: false,
    });
    return { ms: performance.now() - started, outcome };
  };
  const [plan] = await conn.query(
    "EXPLAIN SELECT id, expected_return_at FROM outsourcing_orders WHERE state IN ('shipped', 'processing') AND expected_return_at <= ? ORDER BY expected_return_at",
    [new Date(NOW + config.reminders.warnHours * HOUR)],
  );
  const row = (plan as Array<Record<string, unknown>>)[0] ?? {};
  console.log(
    `candidate query plan: type=${String(row.type)} key=${String(row.key)} rows=${String(row.rows)}`,
  );

  const first = await scan();
  console.log(
    `first scan (writes every due reminder): ${first.ms.toFixed(0)} ms — ${first.outcome.candidates} candidates, ${first.outcome.written} reminders written`,
  );
  const steady: number[] = [];
  for (let run = 0; run < 5; run++) {
    const { ms, outcome } = await scan();
    if (outcome.written !== 0) throw new Error(`a steady-state scan wrote ${outcome.written} reminders`);
    steady.push(ms);
  }
  steady.sort((a, b) => a - b);
  console.log(
    `steady-state scan (nothing new due), 5 runs: median ${steady[2]?.toFixed(0)} ms, best ${steady[0]?.toFixed(0)} ms, worst ${steady[4]?.toFixed(0)} ms`,
  );
  clock.advance(config.reminders.repeatHours * HOUR);
  const repeat = await scan();
  console.log(
    `scan ${config.reminders.repeatHours} hours later (repeats due): ${repeat.ms.toFixed(0)} ms — ${repeat.outcome.written} reminders written`,
  );
} finally {
  await conn.end();
  await db.close();
}
