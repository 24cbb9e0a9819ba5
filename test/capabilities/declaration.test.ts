import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiRoutesOf,
  chatFeaturesOf,
  jobsOf,
  pointTriggersOf,
  subscribersOf,
} from '../../src/capabilities/assembled.js';
import { defineCapability } from '../../src/capabilities/capability.js';
import { factorySchemaFor } from '../../src/capabilities/config-sections.js';
import { defaultFactoryConfig } from '../../src/capabilities/default-config.js';
import { coreCapabilities } from '../../src/capabilities/index.js';
import type { IncentiveEvent, PointTrigger } from '../../src/capabilities/point-trigger.js';
import { ConsoleSession } from '../../src/channels/console/console-session.js';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { parseFactoryConfig } from '../../src/config/factory-loader.js';
import { entities } from '../../src/entities.js';
import { evaluateIncentives } from '../../src/incentives/evaluation-service.js';
import { PointEntry } from '../../src/incentives/point-entry.entity.js';
import { problemsOf } from '../support/config-problems.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const BUILT_IN_COMMANDS = ['帮助', '取消'];
const PLATFORM_JOBS = ['chat:resume-inbound'];

function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(suffix))
    .map((f) => join(dir, f));
}

const src = new URL('../../src', import.meta.url).pathname;

/** The app is assembled from the one list: nothing it offers is wired anywhere else. */
describe('capabilities: one declaration each, one list', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  it('gives each capability its own name', () => {
    const names = coreCapabilities.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('offers in chat exactly the commands the capabilities declare, in their order', () => {
    const declared = chatFeaturesOf(coreCapabilities).flatMap((f) => (f.commands ?? []).map((c) => c.name));
    expect(app.chat.commands.available(['admin']).map((c) => c.name)).toEqual([
      ...BUILT_IN_COMMANDS,
      ...declared,
    ]);
  });

  it('schedules exactly the jobs the capabilities declare', () => {
    const declared = jobsOf(coreCapabilities, app.services).map((j) => j.name);
    expect(Object.keys(app.jobs.agenda.definitions).sort()).toEqual([...declared, ...PLATFORM_JOBS].sort());
  });

  it('serves and documents exactly the API routes the capabilities declare', async () => {
    const document = (await (await fetch(`${app.baseUrl}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const served = Object.entries(document.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method} ${path}`),
    );
    const declared = apiRoutesOf(coreCapabilities).map(
      (r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`,
    );
    expect(served.sort()).toEqual(declared.sort());
  });

  it('declares no scope without a route behind it, and no route outside its capability’s scopes', () => {
    for (const capability of coreCapabilities) {
      const scopes = capability.api?.scopes ?? [];
      const used = new Set((capability.api?.routes ?? []).map((r) => r.scope));
      expect({ capability: capability.name, unused: scopes.filter((s) => !used.has(s)) }).toEqual({
        capability: capability.name,
        unused: [],
      });
      expect({
        capability: capability.name,
        undeclared: [...used].filter((s) => !scopes.includes(s)),
      }).toEqual({ capability: capability.name, undeclared: [] });
    }
  });

  it('subscribes only to events a capability of the list emits', () => {
    const emitted = new Set(coreCapabilities.flatMap((c) => c.events?.emits ?? []));
    const orphans = subscribersOf(coreCapabilities)
      .map((s) => s.event)
      .filter((e) => !emitted.has(e));
    expect(orphans).toEqual([]);
  });

  it('maps every entity file of src/ through the list', async () => {
    const known = new Set<unknown>(entities);
    const forgotten: string[] = [];
    for (const file of filesUnder(src, '.entity.ts')) {
      const module = (await import(file)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(module)) {
        const isEntity = typeof value === 'object' && value !== null && 'meta' in value;
        if (isEntity && !known.has(value)) forgotten.push(`${relative(src, file)}: ${name}`);
      }
    }
    expect(forgotten).toEqual([]);
  });

  it('runs every job file of src/ through the list', () => {
    const jobFiles = filesUnder(src, '.job.ts').map((f) => relative(src, f));
    const declaredJobs = jobsOf(coreCapabilities, app.services).length + PLATFORM_JOBS.length;
    expect(jobFiles.length).toBe(declaredJobs);
  });
});

describe('capabilities: factory.yaml sections', () => {
  it('gives every section of the file a schema and a default, from the core or one capability', () => {
    const schema = factorySchemaFor(coreCapabilities) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(defaultFactoryConfig).sort());
  });

  it('refuses two capabilities that claim one section', () => {
    const twin = defineCapability({
      name: 'twin',
      config: { sections: { repairs: { schema: { type: 'object' }, defaults: {} } } },
    });
    expect(() => factorySchemaFor([...coreCapabilities, twin])).toThrow(
      'factory.yaml section "repairs" is declared by both equipment and twin',
    );
  });
});

describe('capabilities: point triggers', () => {
  it('gives every point trigger a name no other capability offers', () => {
    const names = pointTriggersOf(coreCapabilities).map((t) => t.name);
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names).size).toBe(names.length);
  });

  it('refuses two capabilities that offer one trigger', () => {
    const [first] = pointTriggersOf(coreCapabilities);
    if (!first) throw new Error('the core offers no point trigger');
    const twin = defineCapability({ name: 'twin', pointTriggers: [first] });
    expect(() => pointTriggersOf([...coreCapabilities, twin])).toThrow(
      `point trigger "${first.name}" is offered by both workorders and twin`,
    );
  });

  describe('a plugin’s own trigger', () => {
    // A badge reader plugin: people who badge in early may earn points, by the factory's rules.
    const badges: IncentiveEvent[] = [];
    const badgedEarly: PointTrigger = {
      name: 'badged_early',
      label: '提前打卡',
      fields: { minutesEarly: { type: 'number', label: '提前的分钟数' } },
      settleMs: 0,
      read: async (_em, from, to) => badges.filter((b) => b.occurredAt > from && b.occurredAt <= to),
      explain: (details) => `提前 ${String(details.minutesEarly)} 分钟`,
    };
    const plugin = defineCapability({ name: 'badges', pointTriggers: [badgedEarly] });
    const capabilities = [...coreCapabilities, plugin];
    const yaml = [
      'people:',
      '  - { id: zhangwei, name: 张伟, roles: [worker] }',
      'incentives:',
      '  rules:',
      '    - { id: early, name: 早到, on: badged_early, when: "minutesEarly >= 5", points: 2 }',
    ].join('\n');
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({
        capabilities,
        factory: parseFactoryConfig(yaml, 'factory.yaml', capabilities),
      });
    });
    afterAll(() => app.stop());
    const texts = (replies: OutboundContent[]) => replies.map((r) => (r.kind === 'text' ? r.text : r.kind));

    it('is unknown to a factory.yaml read without the plugin', () => {
      expect(problemsOf(yaml)).toEqual([
        expect.stringContaining('incentives.rules[0].on (rule "early"): unknown trigger "badged_early"'),
      ]);
    });

    it('is explained in 规则 in its own words', async () => {
      const replies = await new ConsoleSession(app.chat.engine, app.clock, 'zhangwei').say('规则');
      expect(texts(replies).join('\n')).toContain('1. 早到：提前打卡，当提前的分钟数 ≥ 5 时，+2 分');
    });

    it('pays the rules on it, and 积分 says why', async () => {
      const at = (hoursAgo: number) => new Date(app.clock.now().getTime() - hoursAgo * 3_600_000);
      badges.push(
        { key: 'badged_early:1', personId: 'zhangwei', occurredAt: at(2), fields: { minutesEarly: 7 } },
        { key: 'badged_early:2', personId: 'zhangwei', occurredAt: at(1), fields: { minutesEarly: 3 } },
      );
      const written = await evaluateIncentives({
        em: app.orm.em.fork(),
        config: app.factory,
        tz: app.settings.factoryTz,
        now: app.clock.now(),
        triggers: pointTriggersOf(app.services.capabilities),
      });
      expect(written).toEqual({ badged_early: 1 });
      const entries = await app.orm.em.fork().find(PointEntry, { person: 'zhangwei' });
      expect(entries.map((e) => [e.ruleId, e.eventKey, e.points])).toEqual([['early', 'badged_early:1', 2]]);
      const replies = await new ConsoleSession(app.chat.engine, app.clock, 'zhangwei').say('积分');
      expect(texts(replies).join('\n')).toContain('+2 早到（提前 7 分钟）');
    });
  });
});
