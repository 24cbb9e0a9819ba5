import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEXT_JOB_INDEX } from '../../src/jobs/store/agenda-job.entity.js';
import { dueCandidates, expiredCandidates, type Candidates } from '../../src/jobs/store/job-locker.js';
import { jobColumnList } from '../../src/jobs/store/job-row.js';
import { mysqlDialect } from '../../src/jobs/store/sql-dialect.js';
import { testDatabaseKind } from '../support/database.js';
import { openJobStoreDatabase, type JobStoreDatabase } from './support/job-store-database.js';

describe.runIf(testDatabaseKind() === 'mysql')('the next-job queries on MySQL', () => {
  let database: JobStoreDatabase;

  beforeAll(async () => {
    database = await openJobStoreDatabase();
    // A queue worth planning for: three kinds of job, a third of them locked, spread over a day.
    const connection = database.orm.em.getConnection();
    const rows = Array.from({ length: 3000 }, (_, i) => {
      const at = mysqlDialect.encodeDate(new Date(Date.UTC(2026, 0, 5) + i * 29_000));
      return `('${['deliver', 'remind', 'digest'][i % 3]}', 'normal', ${i % 7}, '${at}', ${i % 3 === 0 ? `'${at}'` : 'null'}, '{}')`;
    });
    await connection.execute(
      `insert into agenda_jobs (name, type, priority, next_run_at, locked_at, data) values ${rows.join(', ')}`,
    );
    await connection.execute('analyze table agenda_jobs');
  });
  afterAll(() => database.close());

  const explain = async ({ sql, params }: Candidates) => {
    const rows = await database.query(`explain ${sql}`, [...params, 10]);
    expect(rows).toHaveLength(1);
    return rows[0]!;
  };

  it('finds the next due job by a range of the next-job index, already in order: no full scan, no sort', async () => {
    const plan = await explain(
      dueCandidates(
        jobColumnList(mysqlDialect),
        'remind',
        mysqlDialect.encodeDate(new Date('2026-01-05T12:00:00Z')),
      ),
    );
    expect(plan).toMatchObject({ key: NEXT_JOB_INDEX });
    expect(['range', 'ref']).toContain(plan.type);
    expect(String(plan.Extra)).not.toMatch(/filesort|temporary/i);
  });

  it('finds an expired lock the same way', async () => {
    const plan = await explain(
      expiredCandidates(
        jobColumnList(mysqlDialect),
        'remind',
        mysqlDialect.encodeDate(new Date('2026-01-05T06:00:00Z')),
      ),
    );
    expect(plan).toMatchObject({ key: NEXT_JOB_INDEX });
    expect(['range', 'ref']).toContain(plan.type);
    expect(String(plan.Extra)).not.toMatch(/filesort|temporary/i);
  });
});
