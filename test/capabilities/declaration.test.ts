import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutesOf, chatFeaturesOf, jobsOf, subscribersOf } from '../../src/capabilities/assembled.js';
import { defineCapability } from '../../src/capabilities/capability.js';
import { factorySchemaFor } from '../../src/capabilities/config-sections.js';
import { defaultFactoryConfig } from '../../src/capabilities/default-config.js';
import { coreCapabilities } from '../../src/capabilities/index.js';
import { entities } from '../../src/entities.js';
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
