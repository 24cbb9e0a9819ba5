import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import type { Capability } from '../capabilities/capability.js';
import { configDefaultsFor, configProblemsFor, factorySchemaFor } from '../capabilities/config-sections.js';
import { coreCapabilities } from '../capabilities/index.js';
import { ConfigError } from './config-error.js';
import type { FactoryConfig } from './factory-config.js';

const ajv = new Ajv({ allErrors: true, strict: true });
ajv.addFormat('hhmm', /^([01]\d|2[0-3]):[0-5]\d$/);
ajv.addFormat('date', /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
const validators = new WeakMap<readonly Capability[], ValidateFunction>();

/** One compiled schema per set of capabilities (the core set, or the core plus a factory's plugins). */
function validatorFor(capabilities: readonly Capability[]): ValidateFunction {
  let validate = validators.get(capabilities);
  if (!validate) {
    validate = ajv.compile(factorySchemaFor(capabilities));
    validators.set(capabilities, validate);
  }
  return validate;
}

/**
 * Reads the factory's YAML. An explicit path must exist; the implicit `./factory.yaml`
 * is optional and the built-in defaults apply without it.
 */
export function loadFactoryConfig(
  explicitPath: string | undefined,
  capabilities: readonly Capability[] = coreCapabilities,
): {
  config: FactoryConfig;
  source: string;
} {
  const path = explicitPath ?? './factory.yaml';
  if (!existsSync(path)) {
    if (explicitPath !== undefined)
      throw new ConfigError([`FACTORY_CONFIG: file not found: ${explicitPath}`]);
    return { config: configDefaultsFor(capabilities), source: 'built-in defaults' };
  }
  return {
    config: parseFactoryConfig(readFileSync(path, 'utf8'), basename(path), capabilities),
    source: path,
  };
}

export function parseFactoryConfig(
  text: string,
  fileName = 'factory.yaml',
  capabilities: readonly Capability[] = coreCapabilities,
): FactoryConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        return `${fileName}:${pos ? `${pos.line}:${pos.col}` : ''} ${e.message.split('\n')[0]}`;
      }),
    );
  }
  const raw: unknown = doc.toJS() ?? {};
  const validate = validatorFor(capabilities);
  if (!validate(raw)) {
    throw new ConfigError((validate.errors ?? []).map((e) => `${fileName}: ${describeError(e)}`));
  }
  const config = withDefaults(raw as Partial<FactoryConfig>, configDefaultsFor(capabilities));
  const problems = [...crossCheck(config), ...configProblemsFor(capabilities, config)].map(
    (p) => `${fileName}: ${p}`,
  );
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** Each section the file leaves out, or leaves partly out, keeps its built-in defaults. */
function withDefaults(raw: Partial<FactoryConfig>, defaults: FactoryConfig): FactoryConfig {
  const merged: Record<string, unknown> = {};
  for (const [key, fallback] of Object.entries(defaults)) {
    const given = (raw as Record<string, unknown>)[key];
    merged[key] =
      given === undefined
        ? fallback
        : Array.isArray(fallback) || typeof fallback !== 'object'
          ? given
          : { ...(fallback as object), ...(given as object) };
  }
  return merged as unknown as FactoryConfig;
}

/** The core sections' rules a JSON Schema cannot express: references between sections and unique ids. */
function crossCheck(config: FactoryConfig): string[] {
  const problems: string[] = [];
  const teamIds = new Set<string>();
  config.teams.forEach((t, i) => {
    if (teamIds.has(t.id)) problems.push(`teams[${i}].id: duplicate team id "${t.id}"`);
    teamIds.add(t.id);
  });
  const seen = {
    id: new Map<string, number>(),
    wecom: new Map<string, number>(),
    dingtalk: new Map<string, number>(),
  };
  config.people.forEach((p, i) => {
    if (p.team !== undefined && !teamIds.has(p.team)) {
      problems.push(`people[${i}].team: no team with id "${p.team}" in teams`);
    }
    for (const key of ['id', 'wecom', 'dingtalk'] as const) {
      const value = p[key];
      if (value === undefined) continue;
      const first = seen[key].get(value);
      if (first !== undefined)
        problems.push(`people[${i}].${key}: "${value}" is already used by people[${first}]`);
      else seen[key].set(value, i);
    }
  });
  return problems;
}

/** Turns ajv's `/shifts/1/end` into `shifts[1].end` and its rule into plain words. */
export function describeError(error: ErrorObject): string {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((seg) => seg.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc === '' ? seg : `${acc}.${seg}`), '');
  const where = path === '' ? '(top level)' : path;
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${where === '(top level)' ? '' : `${where}.`}${String(p.additionalProperty)}: unknown key`;
    case 'format':
      if (p.format === 'hhmm') return `${where}: must look like HH:mm`;
      return p.format === 'date'
        ? `${where}: must be a date like 2024-03-01`
        : `${where}: must be a valid ${String(p.format)}`;
    case 'required':
      return `${where}: missing required key "${String(p.missingProperty)}"`;
    case 'enum':
      return `${where}: must be one of ${(p.allowedValues as unknown[]).join(', ')}`;
    case 'type':
      return `${where}: must be ${String(p.type)}`;
    default:
      return `${where}: ${error.message ?? error.keyword}`;
  }
}
