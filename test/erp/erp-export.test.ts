import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultFactoryConfig } from '../../src/capabilities/default-config.js';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { nightlyExports } from '../../src/erp/export-service.js';
import { ExportFile } from '../../src/erp/export-file.entity.js';
import { parseDateRange } from '../../src/erp/date-range.js';
import { MaterialIssue } from '../../src/materials/material-issue.entity.js';
import { WorkReport } from '../../src/workorders/work-report.entity.js';
import { unitOf } from '../../src/app-services.js';
import { productionDay, productionInterval } from '../../src/shared/production-day.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';

const texts = (replies: OutboundContent[]) =>
  replies.map((r) => (r.kind === 'text' ? r.text : `<${r.kind}>`));

/** The rows of a worksheet below its title row, as arrays of cell values. */
function rowsOf(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

describe('the ERP bridge', () => {
  let app: DemoApp;
  let folder: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'sfb-erp-'));
    const factory = {
      ...defaultFactoryConfig,
      erpExport: { ...defaultFactoryConfig.erpExport, folder, nightly: true },
    };
    app = await startDemoApp({ factory });
  });
  afterAll(async () => {
    await app.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  /** The net good and scrap of the stored reports in the production days from–to. */
  async function storedTotals(from: string, to: string) {
    const day = productionDay(app.factory, app.settings.factoryTz);
    const reports = await app.orm.em.fork().find(WorkReport, {
      reportedAt: { $gte: productionInterval(from, day).start, $lt: productionInterval(to, day).end },
    });
    const issues = await app.orm.em.fork().find(MaterialIssue, {
      issuedAt: { $gte: productionInterval(from, day).start, $lt: productionInterval(to, day).end },
    });
    return {
      reports: reports.length,
      good: reports.reduce((s, r) => s + r.good, 0),
      scrap: reports.reduce((s, r) => s + r.scrap, 0),
      issues: issues.length,
      issued: issues.reduce((s, i) => s + i.quantity, 0),
    };
  }

  it('answers 导出 报工 with a link to a workbook whose totals are the stored reports', async () => {
    const before = await storedTotals('2026-11-17', '2026-11-23');
    expect(before.reports).toBeGreaterThan(0);
    const reply = texts(await app.as('chenjing').say('导出 报工 上周'));
    const url = /下载（7 天内有效）：(\S+)/.exec(reply.join('\n'))?.[1];
    expect(reply[0]).toContain(`已导出 2026-11-16~2026-11-22：报工 `);
    expect(url).toMatch(/\/downloads\/erp-export\/[\w-]{32}$/);

    const response = await fetch(url!.replace(/^https?:\/\/[^/]+/, app.baseUrl));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const [reports, issues] = workbook.worksheets;
    expect(reports!.name).toBe('报工');
    expect((reports!.getRow(1).values as unknown[]).slice(1)).toEqual(
      defaultFactoryConfig.erpExport.reportColumns.map((c) => c.title),
    );
    const stored = await storedTotals('2026-11-16', '2026-11-22');
    expect(stored.issues).toBeGreaterThan(0);
    const rows = rowsOf(reports!);
    const goodColumn = defaultFactoryConfig.erpExport.reportColumns.findIndex((c) => c.field === 'good');
    const scrapColumn = defaultFactoryConfig.erpExport.reportColumns.findIndex((c) => c.field === 'scrap');
    expect(rows).toHaveLength(stored.reports);
    expect(rows.reduce((s, r) => s + Number(r[goodColumn]), 0)).toBe(stored.good);
    expect(rows.reduce((s, r) => s + Number(r[scrapColumn]), 0)).toBe(stored.scrap);
    expect(reply[0]).toContain(`报工 ${stored.reports} 条，领料 ${stored.issues} 条`);
    const issueRows = rowsOf(issues!);
    const quantityColumn = defaultFactoryConfig.erpExport.issueColumns.findIndex(
      (c) => c.field === 'quantity',
    );
    expect(issueRows).toHaveLength(stored.issues);
    expect(issueRows.reduce((s, r) => s + Number(r[quantityColumn]), 0)).toBeCloseTo(stored.issued, 6);
  });

  it('refuses a link past its days, and a made-up one', async () => {
    const reply = texts(await app.as('lijianguo').say('导出 报工 2026-11-20'));
    const token = /\/downloads\/erp-export\/(\S+)/.exec(reply.join('\n'))?.[1];
    expect((await fetch(`${app.baseUrl}/downloads/erp-export/${token}`)).status).toBe(200);
    expect((await fetch(`${app.baseUrl}/downloads/erp-export/not-a-token`)).status).toBe(410);
    app.clock.advance(7 * 86_400_000 + 1);
    try {
      const expired = await fetch(`${app.baseUrl}/downloads/erp-export/${token}`);
      expect(expired.status).toBe(410);
      expect(await expired.text()).toContain('下载链接已失效');
    } finally {
      app.clock.set(new Date('2026-11-24T02:00:00Z'));
    }
  });

  it('refuses a range it cannot read, runs backwards, is too long or lies ahead, and writes nothing', async () => {
    const count = async () => app.orm.em.fork().count(ExportFile, {});
    const before = await count();
    const say = async (text: string) => texts(await app.as('chenjing').say(text)).join('\n');
    expect(await say('导出 报工 下下周')).toContain('看不懂日期「下下周」');
    expect(await say('导出 报工 2026-11-20~2026-11-10')).toContain(
      '开始日期 2026-11-20 晚于结束日期 2026-11-10',
    );
    expect(await say('导出 报工 2026-01-01~2026-11-20')).toContain('一次最多导出 92 天，这次是 324 天');
    expect(await say('导出 报工 2026-12-01')).toContain('2026-12-01 还没有到');
    expect(await say('导出 报工 2月30日')).toContain('看不懂日期「2月30日」');
    expect(await say('导出 工资')).toContain('目前可以导出「报工」');
    expect(await count()).toBe(before);
  });

  it('reads the day words and dates a planner writes', () => {
    const today = '2026-11-24'; // a Tuesday
    expect(parseDateRange('昨天', today)).toEqual({ range: { from: '2026-11-23', to: '2026-11-23' } });
    expect(parseDateRange('本周', today)).toEqual({ range: { from: '2026-11-23', to: '2026-11-24' } });
    expect(parseDateRange('上月', today)).toEqual({ range: { from: '2026-10-01', to: '2026-10-31' } });
    expect(parseDateRange('11月3日 至 11月5号', today)).toEqual({
      range: { from: '2026-11-03', to: '2026-11-05' },
    });
    expect(parseDateRange('2026/11/1～2026.11.02', today)).toEqual({
      range: { from: '2026-11-01', to: '2026-11-02' },
    });
    // Without the year, as 交期 is written: of this year's and last year's, the nearer one.
    expect(parseDateRange('11-20~11-24', today)).toEqual({ range: { from: '2026-11-20', to: '2026-11-24' } });
    expect(parseDateRange('12-28~1-2', '2027-01-05')).toEqual({
      range: { from: '2026-12-28', to: '2027-01-02' },
    });
    expect(parseDateRange('11-25', today)).toEqual({ problem: { kind: 'future', from: '2026-11-25' } });
    expect(parseDateRange('2-30', today)).toEqual({ problem: { kind: 'unreadable' } });
  });

  it('writes each ended production day once at night, as .xlsx and UTF-8 .csv', async () => {
    const written = await nightlyExports(unitOf(app.services));
    // 10:00 on Tuesday the 24th: Monday the 23rd is the last production day that has ended.
    expect(written.map((f) => f.fromDate)).toEqual(['2026-11-23']);
    expect(await nightlyExports(unitOf(app.services))).toEqual([]);
    const files = readdirSync(folder).filter((f) => f.startsWith('shopfloor-2026-11-23'));
    expect(files.sort()).toEqual([
      'shopfloor-2026-11-23-issues.csv',
      'shopfloor-2026-11-23-reports.csv',
      'shopfloor-2026-11-23.xlsx',
    ]);
    const csv = readFileSync(join(folder, 'shopfloor-2026-11-23-reports.csv'));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString('utf8').slice(1).trim().split('\r\n');
    const stored = await storedTotals('2026-11-23', '2026-11-23');
    expect(lines[0]).toBe(defaultFactoryConfig.erpExport.reportColumns.map((c) => c.title).join(','));
    expect(lines).toHaveLength(stored.reports + 1);
    expect(written[0]!.reportRows).toBe(stored.reports);

    // Two nights missed: both days come out the next night, oldest first.
    app.clock.set(new Date('2026-11-27T18:00:00Z')); // 02:00 on the 28th
    try {
      expect((await nightlyExports(unitOf(app.services))).map((f) => f.fromDate)).toEqual([
        '2026-11-24',
        '2026-11-25',
        '2026-11-26',
      ]);
    } finally {
      app.clock.set(new Date('2026-11-24T02:00:00Z'));
    }
  });
});
