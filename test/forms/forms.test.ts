import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/http/api/api-keys.js';
import { FORM_REMINDERS_JOB } from '../../src/forms/jobs/reminders.job.js';
import { FormSubmission } from '../../src/forms/form-submission.entity.js';
import { ProductionException } from '../../src/workorders/production-exception.entity.js';
import { problemsOf } from '../support/config-problems.js';
import {
  formsYaml,
  local,
  machineCheckYaml,
  responsibleYaml,
  startFormsWorld,
  type FormsWorld,
} from './world.js';

describe('forms: 设备点检 declared only in factory.yaml', () => {
  const worlds: FormsWorld[] = [];
  afterEach(async () => {
    for (const world of worlds.splice(0)) await world.stop();
  });
  const start = async (factory?: string) => {
    const world = await startFormsWorld(factory);
    worlds.push(world);
    await world.pushed();
    return world;
  };

  it('a technician fills it in the console, one question at a time; out-of-limit pressure raises one exception', async () => {
    const world = await start();
    world.clock.set(local('08:20'));
    expect(await world.say('zhangwei', '点检')).toEqual(['[「设备点检」：请回复设备（CNC-01、PRESS-01）：]']);
    expect(world.lastCard('zhangwei')?.buttons.map((b) => b.text)).toEqual(['CNC-01', 'PRESS-01']);
    expect(await world.tap('zhangwei', 'CNC-01')).toEqual(['[(1/4) 油位正常（是/否）：]']);
    expect(await world.tap('zhangwei', '是')).toEqual(['(2/4) 气压（数字，单位 MPa，正常范围 0.5~0.7）：']);
    expect(await world.say('zhangwei', '高')).toEqual(['「高」不是数字，请重新填写「气压」：']);
    // Full-width digits, as a Chinese IME types them, with the unit.
    expect(await world.say('zhangwei', '０．８５ＭＰａ')).toEqual(['[(3/4) 异响（是/否）：]']);
    expect(await world.say('zhangwei', '没有')).toEqual([
      '(4/4) 照片（请发一张照片）（可选，回复「跳过」略过）：',
    ]);
    expect(await world.say('zhangwei', '跳过')).toEqual(['[设备点检 #1]', '⚠️ 气压 异常，已上报 E1。']);
    const card = world.lastCard('zhangwei');
    expect(card?.fields).toEqual([
      { label: '油位正常', value: '是' },
      { label: '气压', value: '0.85 MPa' },
      { label: '异响', value: '否' },
      { label: '填写人', value: '张伟' },
      { label: '班次/周期', value: '2026-11-23 白班' },
      { label: '时间', value: '11-23 08:20' },
    ]);

    const em = world.orm.em.fork();
    const exceptions = await em.find(ProductionException, {});
    expect(exceptions.map((e) => [e.kind, e.workOrder, e.reason])).toEqual([
      ['equipment', null, '设备点检 CNC-01 数控车床 1 号：气压 0.85 MPa（正常 0.5~0.7 MPa）'],
    ]);
    expect(await world.pushed()).toEqual([
      [
        'wangfang',
        '⚠️ 张伟 填表发现异常 E1（设备故障）：设备点检 CNC-01 数控车床 1 号：气压 0.85 MPa（正常 0.5~0.7 MPa）。发送「处理 E1」接手，处理完后发送「关闭 E1」。',
      ],
      [
        'lijianguo',
        '⚠️ 张伟 填表发现异常 E1（设备故障）：设备点检 CNC-01 数控车床 1 号：气压 0.85 MPa（正常 0.5~0.7 MPa）。发送「处理 E1」接手，处理完后发送「关闭 E1」。',
      ],
      [
        'gaoyuan',
        '⚠️ 张伟 填表 #1 发现异常：设备点检 CNC-01 数控车床 1 号：气压 0.85 MPa（正常 0.5~0.7 MPa）',
      ],
    ]);

    // A correction is a new submission; the pressure still out of limits is not raised again.
    world.clock.set(local('08:40'));
    await world.say('zhangwei', '设备点检 更正 1');
    await world.say('zhangwei', '是');
    await world.say('zhangwei', '0.9');
    await world.say('zhangwei', '否');
    expect(await world.say('zhangwei', '跳过')).toEqual([
      '[设备点检 #2]',
      '已更正：#2 取代 #1（原记录保留）。',
    ]);
    expect(await em.fork().count(ProductionException)).toBe(1);
    const rows = await em.fork().find(FormSubmission, {}, { orderBy: { id: 'asc' } });
    expect(
      rows.map((r) => [r.id, r.subjectKey, r.periodKey, r.supersedes, r.supersededBy, r.answers]),
    ).toEqual([
      [1, 'CNC-01', '2026-11-23 白班', null, 2, { oilOk: true, airPressure: 0.85, noise: false }],
      [2, 'CNC-01', '2026-11-23 白班', 1, null, { oilOk: true, airPressure: 0.9, noise: false }],
    ]);
  });

  it('a missed shift reminds the people who fill it, then their lead, each once', async () => {
    const world = await start();
    world.clock.set(local('08:10'));
    await world.say('zhangwei', '点检 PRESS-01');
    for (const answer of ['是', '0.6', '否', '跳过']) await world.say('zhangwei', answer);
    await world.pushed();

    world.clock.set(local('08:50'));
    await world.runJob(FORM_REMINDERS_JOB);
    expect(await world.pushed()).toEqual([]);

    world.clock.set(local('09:05'));
    await world.runJob(FORM_REMINDERS_JOB);
    const personReminder =
      '⏰ 「设备点检」 CNC-01 数控车床 1 号（2026-11-23 白班）还没有填写，请发「设备点检 CNC-01」填写。';
    expect(await world.pushed()).toEqual([
      ['liuyang', personReminder],
      ['zhangwei', personReminder],
    ]);
    world.clock.set(local('09:20'));
    await world.runJob(FORM_REMINDERS_JOB);
    expect(await world.pushed()).toEqual([]);

    world.clock.set(local('10:05'));
    await world.runJob(FORM_REMINDERS_JOB);
    expect(await world.pushed()).toEqual([
      [
        'wangfang',
        '⏰ 「设备点检」 CNC-01 数控车床 1 号（2026-11-23 白班）仍未填写（已提醒 刘洋、张伟），请跟进。',
      ],
    ]);
    world.clock.set(local('10:20'));
    await world.runJob(FORM_REMINDERS_JOB);
    expect(await world.pushed()).toEqual([]);
  });

  it('the person responsible for a machine fills its form and is reminded, then their lead', async () => {
    expect(responsibleYaml).toContain('responsible: liuyang');
    expect(responsibleYaml).toContain('machineResponsible: true');
    const world = await start(responsibleYaml);
    world.clock.set(local('08:10'));
    // 刘洋 is a worker, not among the roles: he is offered the machine he answers for, and only it.
    expect(await world.say('liuyang', '点检')).toEqual(['[「设备点检」：请回复设备（CNC-01）：]']);
    await world.say('liuyang', '取消');
    expect(await world.say('liuyang', '点检 PRESS-01')).toEqual([
      '您不能填写 PRESS-01 冲床 1 号 的「设备点检」：它由设备负责人填写。',
    ]);
    expect(await world.say('zhangwei', '点检 CNC-01')).toEqual([
      '您不能填写 CNC-01 数控车床 1 号 的「设备点检」：它由设备负责人填写。',
    ]);
    // Maintenance (the form's role) still may, for any machine.
    await world.say('gaoyuan', '点检 PRESS-01');
    for (const answer of ['是', '0.6', '否', '跳过']) await world.say('gaoyuan', answer);
    await world.pushed();

    world.clock.set(local('09:05'));
    await world.runJob(FORM_REMINDERS_JOB);
    expect(await world.pushed()).toEqual([
      [
        'liuyang',
        '⏰ 「设备点检」 CNC-01 数控车床 1 号（2026-11-23 白班）还没有填写，请发「设备点检 CNC-01」填写。',
      ],
    ]);
    world.clock.set(local('10:05'));
    await world.runJob(FORM_REMINDERS_JOB);
    expect(await world.pushed()).toEqual([
      [
        'wangfang',
        '⏰ 「设备点检」 CNC-01 数控车床 1 号（2026-11-23 白班）仍未填写（已提醒 刘洋），请跟进。',
      ],
    ]);

    world.clock.set(local('10:30'));
    await world.say('liuyang', '点检 CNC-01');
    for (const answer of ['是', '0.6', '否']) await world.say('liuyang', answer);
    expect(await world.say('liuyang', '跳过')).toEqual(['[设备点检 #2]']);
    // Through the API too: the responsible person of another machine may not.
    const key = await createApiKey(world.orm.em.fork(), 'tablet', ['forms:write'], world.clock.now());
    const post = (filledBy: string, subject: string) =>
      fetch(`${world.baseUrl}/api/v1/forms/machine-check/submissions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ filledBy, subject, answers: { oilOk: true, airPressure: 0.6, noise: false } }),
      });
    expect((await post('liuyang', 'PRESS-01')).status).toBe(400);
    expect((await post('liuyang', 'CNC-01')).status).toBe(201);
  });

  it('gives the completion rate per form and team, exact on a hand-built week', async () => {
    const world = await start();
    const em = world.orm.em.fork();
    const row = (periodKey: string, subjectKey: string, extra: Partial<FormSubmission> = {}) =>
      em.create(FormSubmission, {
        formKey: 'machine-check',
        subjectKind: 'equipment',
        subjectKey,
        teamId: 'cnc',
        filledBy: 'zhangwei',
        answers: { oilOk: true, airPressure: 0.6, noise: false },
        periodKey,
        supersedes: null,
        supersededBy: null,
        createdAt: local('09:00'),
        ...extra,
      });
    // Week of 11-23: 7 day shifts and 7 night shifts, two machines: 28 due.
    for (let day = 23; day <= 29; day++) {
      row(`2026-11-${day} 白班`, 'CNC-01');
      row(`2026-11-${day} 白班`, 'PRESS-01');
    }
    for (const day of [23, 24, 25]) row(`2026-11-${day} 夜班`, 'CNC-01');
    // A superseded row and its correction count once; a row of the next week not at all.
    row('2026-11-23 白班', 'CNC-01', { supersededBy: 99 });
    row('2026-11-30 白班', 'CNC-01');
    await em.flush();
    world.clock.set(local('10:00', 30));
    expect(await world.say('lijianguo', '表单完成率 上周')).toEqual([
      '表单完成率（2026-11-23~2026-11-29）：\n· 设备点检 数控组：17/28（60.7%）',
    ]);
    // The same week is 上周 in KPI (calendar Monday to Sunday: the same 14 shifts start in it).
    const [kpi] = await world.say('lijianguo', 'KPI 上周');
    expect(kpi?.split('\n')[0]).toBe('KPI 2026-11-23 至 2026-11-29');
    expect(kpi?.split('\n').filter((l) => l.startsWith('表单完成率'))).toEqual([
      '表单完成率·设备点检：60.7%（17/28 次）',
    ]);
    expect(await world.say('zhangwei', '表单完成率')).toEqual([
      '「表单完成率」只有班组长、车间主任、管理层可以使用。',
    ]);
  });

  it('lists and exports the submissions; the sheet opens in ExcelJS with the right rows', async () => {
    const world = await start();
    const fill = async (machine: string, pressure: string, at: string) => {
      world.clock.set(local(at));
      await world.say('zhangwei', `点检 ${machine}`);
      for (const answer of ['是', pressure, '否', '跳过']) await world.say('zhangwei', answer);
    };
    await fill('CNC-01', '0.6', '08:30');
    await fill('PRESS-01', '0.55', '08:40');
    await fill('CNC-01', '0.65', '20:30');
    expect(await world.say('zhangwei', '设备点检 列表')).toEqual([
      '只有班组长、车间主任和经理可以查看和导出「设备点检」。',
    ]);
    expect(await world.say('wangfang', '设备点检 列表 CNC-01')).toEqual([
      '「设备点检」CNC-01 数控车床 1 号：2 条\n#3 11-23 20:30 张伟 CNC-01：油位正常 是，气压 0.65 MPa，异响 否\n#1 11-23 08:30 张伟 CNC-01：油位正常 是，气压 0.6 MPa，异响 否',
    ]);
    const [reply] = await world.say('lijianguo', '设备点检 导出 11-23');
    expect(reply).toMatch(
      /^「设备点检」2026-11-23：3 条。\n下载 Excel（7 天内有效）：http:\/\/\S+\/downloads\/form-export\/[\w-]+$/,
    );
    const path = /\/downloads\/form-export\/[\w-]+$/.exec(reply ?? '')?.[0];
    const res = await fetch(`${world.baseUrl}${path}`);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.getWorksheet('设备点检');
    const values = (n: number) => (sheet?.getRow(n).values as unknown[]).slice(1);
    expect(sheet?.rowCount).toBe(4);
    expect(values(1)).toEqual([
      '编号',
      '填写时间',
      '填写人',
      '对象',
      '班组',
      '班次/周期',
      '更正自',
      '油位正常',
      '气压(MPa)',
      '异响',
      '照片',
    ]);
    expect(values(2)).toEqual([
      1,
      '2026-11-23 08:30',
      '张伟',
      'CNC-01',
      'cnc',
      '2026-11-23 白班',
      '',
      '是',
      0.6,
      '否',
      '',
    ]);
    expect(values(3)).toEqual([
      2,
      '2026-11-23 08:40',
      '张伟',
      'PRESS-01',
      'cnc',
      '2026-11-23 白班',
      '',
      '是',
      0.55,
      '否',
      '',
    ]);
    expect(values(4)).toEqual([
      3,
      '2026-11-23 20:30',
      '张伟',
      'CNC-01',
      'cnc',
      '2026-11-23 夜班',
      '',
      '是',
      0.65,
      '否',
      '',
    ]);
    expect((await fetch(`${world.baseUrl}/downloads/form-export/not-a-token`)).status).toBe(410);
    // The shared download links' rule: past forms.linkDays the link is gone, with one plain line.
    world.clock.advance(7 * 86_400_000 + 1);
    const expired = await fetch(`${world.baseUrl}${path}`);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toBe('下载链接已失效，请在聊天里重新发「<表单名> 导出」。');
  });

  it('keeps a form removed from factory.yaml readable: 表单 names it, 表单记录 and the API read it as it was filled', async () => {
    const first = await startFormsWorld();
    let running = true;
    let second: FormsWorld | undefined;
    try {
      first.clock.set(local('08:30'));
      await first.say('zhangwei', '点检 CNC-01');
      for (const answer of ['是', '0.85', '否', '跳过']) await first.say('zhangwei', answer);
      expect(await first.say('wangfang', '表单')).toEqual(['表单：\n· 设备点检（点检）：1 条']);
      await first.close();
      running = false;

      // Restarted with the form gone from the file: no 设备点检 command, its row still there.
      const removed = formsYaml.replace(/ {2}list:[\s\S]*$/, '  list: []\n');
      expect(removed).not.toContain('machine-check');
      second = await startFormsWorld(removed, first.db);
      second.clock.set(local('09:00'));
      expect(await second.say('wangfang', '表单 列表')).toEqual([
        '已停用（记录保留，发「表单记录 <名称>」查看）：\n· 设备点检（machine-check）：1 条',
      ]);
      // A worker may not read form records: not pointed at a command they would be refused.
      expect(await second.say('zhangwei', '表单')).toEqual([
        '已停用（记录保留）：\n· 设备点检（machine-check）：1 条',
      ]);
      expect(await second.say('wangfang', '表单 全部')).toEqual([
        '「表单」后面只能写「列表」，您写了「全部」。发送「表单」查看全部表单。',
      ]);
      const line = '#1 11-23 08:30 张伟 CNC-01：油位正常 是，气压 0.85 MPa，异响 否';
      expect(await second.say('wangfang', '表单记录 设备点检')).toEqual([
        `「设备点检（已停用）」最近：1 条\n${line}`,
      ]);
      expect(await second.say('lijianguo', '表单记录 machine-check 11-23')).toEqual([
        `「设备点检（已停用）」2026-11-23：1 条\n${line}`,
      ]);
      expect(await second.say('wangfang', '表单记录 5S检查')).toEqual(['没有表单「5S检查」。有：设备点检。']);

      const key = await createApiKey(second.orm.em.fork(), 'erp', ['forms:read'], second.clock.now());
      const res = await fetch(`${second.baseUrl}/api/v1/form-submissions?form=machine-check`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { items: unknown[] }).items).toEqual([
        {
          id: 1,
          form: 'machine-check',
          formName: '设备点检',
          subject: 'CNC-01',
          team: 'cnc',
          filledBy: 'zhangwei',
          period: '2026-11-23 白班',
          supersedes: null,
          supersededBy: null,
          createdAt: '2026-11-23T00:30:00.000Z',
          fields: [
            { key: 'oilOk', label: '油位正常', type: 'yes_no' },
            { key: 'airPressure', label: '气压', type: 'number', unit: 'MPa' },
            { key: 'noise', label: '异响', type: 'yes_no' },
            { key: 'photo', label: '照片', type: 'photo' },
          ],
          answers: { oilOk: true, airPressure: 0.85, noise: false },
        },
      ]);
      const missing = await fetch(`${second.baseUrl}/api/v1/form-submissions`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(missing.status).toBe(400);
    } finally {
      if (running) await first.close();
      await second?.stop();
      await first.db.drop();
    }
  });

  it('serves per-form API routes that validate with the form’s own schema and appear in the OpenAPI document', async () => {
    const world = await start();
    const doc = (await (await fetch(`${world.baseUrl}/api/v1/openapi.json`)).json()) as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>
      >;
    };
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/forms'))).toEqual([
      '/forms/machine-check/submissions',
      '/forms/machine-check/submissions/{id}',
    ]);
    const body = doc.paths['/forms/machine-check/submissions']?.post?.requestBody?.content['application/json']
      ?.schema as { properties: { answers: { required: string[]; properties: Record<string, unknown> } } };
    expect(body.properties.answers.required).toEqual(['oilOk', 'airPressure', 'noise']);
    expect(body.properties.answers.properties.airPressure).toEqual({
      title: '气压',
      type: 'number',
      description: 'in MPa',
    });

    const key = await createApiKey(
      world.orm.em.fork(),
      'tablet',
      ['forms:read', 'forms:write'],
      world.clock.now(),
    );
    const post = (payload: unknown) =>
      fetch(`${world.baseUrl}/api/v1/forms/machine-check/submissions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      });
    const bad = await post({
      filledBy: 'zhangwei',
      subject: 'CNC-01',
      answers: { oilOk: 'yes', airPressure: 0.6, noise: false },
    });
    expect(bad.status).toBe(400);
    const missing = await post({
      filledBy: 'zhangwei',
      subject: 'CNC-01',
      answers: { airPressure: 0.6, noise: false },
    });
    expect(missing.status).toBe(400);
    // A team lead is not among the form's fillers (worker, maintenance).
    const notAFiller = await post({
      filledBy: 'wangfang',
      subject: 'CNC-01',
      answers: { oilOk: true, airPressure: 0.6, noise: false },
    });
    expect(notAFiller.status).toBe(400);
    expect(await world.orm.em.fork().count(FormSubmission)).toBe(0);

    world.clock.set(local('08:30'));
    const created = await post({
      filledBy: 'zhangwei',
      subject: 'CNC-01',
      answers: { oilOk: true, airPressure: 0.45, noise: false },
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({
      id: 1,
      form: 'machine-check',
      subject: 'CNC-01',
      team: 'cnc',
      filledBy: 'zhangwei',
      period: '2026-11-23 白班',
      supersedes: null,
      supersededBy: null,
      createdAt: '2026-11-23T00:30:00.000Z',
      answers: { oilOk: true, airPressure: 0.45, noise: false },
    });
    expect(await world.orm.em.fork().count(ProductionException)).toBe(1);
    const got = await fetch(`${world.baseUrl}/api/v1/forms/machine-check/submissions/1`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(((await got.json()) as { answers: unknown }).answers).toEqual({
      oilOk: true,
      airPressure: 0.45,
      noise: false,
    });
    const list = await fetch(`${world.baseUrl}/api/v1/forms/machine-check/submissions`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(((await list.json()) as { items: unknown[] }).items).toHaveLength(1);
  });
});

describe('forms: mistakes in factory.yaml stop start-up with the path named', () => {
  it('names a typo in a field type', () => {
    const yaml = formsYaml.replace('type: number, unit: MPa', 'type: nubmer, unit: MPa');
    expect(problemsOf(yaml)).toContain(
      'factory.yaml: forms.list[0].fields[1].type: must be one of text, number, choice, multi_choice, yes_no, date, photo, person',
    );
  });

  it('names a machine responsible nobody is, and machineResponsible on a form about no machine', () => {
    const yaml = responsibleYaml.replace('responsible: liuyang', 'responsible: nobody');
    expect(problemsOf(yaml)).toEqual([
      'factory.yaml: equipment[0].responsible: no person with id "nobody" in people',
    ]);
    expect(problemsOf(responsibleYaml.replace('about: equipment', 'about: team'))).toEqual([
      'factory.yaml: forms.list[0].filledBy.machineResponsible: only a form about equipment has a machine',
    ]);
  });

  it('names a command word used by two forms', () => {
    const second = machineCheckYaml
      .replace('key: machine-check', 'key: machine-check-2')
      .replace('aliases: [点检]', 'aliases: []');
    expect(problemsOf(`${formsYaml}${second}`)).toEqual([
      'factory.yaml: forms.list[1].name: command word "设备点检" is already used by forms.list[0]',
    ]);
  });

  it('names a command word that collides with a built-in command', () => {
    expect(problemsOf(formsYaml.replace('aliases: [点检]', 'aliases: [点检, 完工, 帮助]'))).toEqual([
      'factory.yaml: forms.list[0].aliases[1]: command word "完工" is already used by the command 完工',
      'factory.yaml: forms.list[0].aliases[2]: command word "帮助" is already used by the chat itself',
    ]);
  });
});
