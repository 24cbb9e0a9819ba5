import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CommandRegistry } from '../chat/commands/registry.js';
import { ConfigError } from '../config/config-error.js';
import { chatFeaturesOf } from './assembled.js';
import type { Capability } from './capability.js';
import { guardPlugin } from './plugin-guard.js';
import type { pluginHost as PluginHost } from './plugin-host.js';

const KEYS = new Set([
  'name',
  'entities',
  'config',
  'events',
  'chat',
  'jobs',
  'api',
  'pages',
  'syncAtStart',
  'migrations',
]);

/** `./energy-meter/index.js` is a path beside factory.yaml; anything else a package name. */
function importTarget(spec: string, baseDir: string): string {
  const isPath = spec.startsWith('./') || spec.startsWith('../') || isAbsolute(spec);
  return isPath ? pathToFileURL(resolve(baseDir, spec)).href : spec;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** What is wrong with a plugin's declaration, one line per problem (the types do not reach it). */
function shapeProblems(c: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (typeof c.name !== 'string' || !/^[a-z][a-z0-9-]{0,39}$/.test(c.name))
    problems.push('name must be lower-case letters, digits and dashes');
  for (const key of Object.keys(c)) if (!KEYS.has(key)) problems.push(`unknown key "${key}"`);
  if (c.entities !== undefined && !Array.isArray(c.entities)) problems.push('entities must be a list');
  for (const key of ['jobs', 'pages', 'syncAtStart'])
    if (c[key] !== undefined && typeof c[key] !== 'function') problems.push(`${key} must be a function`);
  for (const key of ['config', 'events', 'chat', 'api'])
    if (c[key] !== undefined && !isObject(c[key])) problems.push(`${key} must be an object`);
  if (isObject(c.config) && !isObject(c.config.sections)) problems.push('config.sections must be an object');
  if (isObject(c.chat) && c.chat.commands !== undefined) {
    const commands = c.chat.commands;
    if (!Array.isArray(commands)) problems.push('chat.commands must be a list');
    else
      commands.forEach((command: unknown, i) => {
        if (!isObject(command) || typeof command.name !== 'string' || typeof command.run !== 'function')
          problems.push(`chat.commands[${i}] needs a name and a run function`);
      });
  }
  if (c.migrations !== undefined) {
    const m = c.migrations;
    for (const dialect of ['mysql', 'sqlite'] as const) {
      const list = isObject(m) ? m[dialect] : undefined;
      if (
        !Array.isArray(list) ||
        list.some((x) => !isObject(x) || typeof x.name !== 'string' || typeof x.class !== 'function')
      )
        problems.push(`migrations.${dialect} must be a list of { name, class }`);
    }
  }
  return problems;
}

/** Imports one plugin module and takes its capability: the default export, or what it returns given the host. */
async function loadPlugin(spec: string, baseDir: string): Promise<Capability> {
  let module: { default?: unknown };
  try {
    module = (await import(importTarget(spec, baseDir))) as { default?: unknown };
  } catch (error) {
    throw new ConfigError([`plugin "${spec}" could not be loaded: ${messageOf(error)}`]);
  }
  let declared: unknown = module.default;
  if (typeof declared === 'function') {
    // Loaded with the first plugin: the host hands out MikroORM's migration base class, whose
    // package a server without plugins loads only when it has migrations to apply.
    const { pluginHost } = await import('./plugin-host.js');
    try {
      declared = (declared as (host: typeof PluginHost) => unknown)(pluginHost);
    } catch (error) {
      throw new ConfigError([`plugin "${spec}" failed while declaring itself: ${messageOf(error)}`]);
    }
  }
  if (!isObject(declared))
    throw new ConfigError([
      `plugin "${spec}": its default export must be a capability, or a function (host) => capability`,
    ]);
  const problems = shapeProblems(declared);
  if (problems.length > 0) throw new ConfigError(problems.map((p) => `plugin "${spec}": ${p}`));
  return declared as unknown as Capability;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The capabilities of factory.yaml's `plugins:`, in its order, loaded beside `core`. A plugin
 * that fails to load, is malformed, or takes a name or a command word already taken stops
 * start-up with a ConfigError naming it; what it does in chat later is guarded (plugin-guard).
 */
export async function loadPlugins(
  specs: readonly string[],
  baseDir: string,
  core: readonly Capability[],
): Promise<Capability[]> {
  const plugins: Capability[] = [];
  const owners = new Map(core.map((c) => [c.name, 'the core']));
  for (const spec of specs) {
    const plugin = await loadPlugin(spec, baseDir);
    const owner = owners.get(plugin.name);
    if (owner)
      throw new ConfigError([`plugin "${spec}": the name "${plugin.name}" is already used by ${owner}`]);
    owners.set(plugin.name, `plugin "${spec}"`);
    // Applied migrations are known by name alone: one named like another's would be skipped.
    const own = plugin.name.replace(/-/g, '');
    for (const { name } of [...(plugin.migrations?.mysql ?? []), ...(plugin.migrations?.sqlite ?? [])])
      if (!name.toLowerCase().includes(own))
        throw new ConfigError([`plugin "${spec}": migration ${name} must contain "${own}" in its name`]);
    try {
      new CommandRegistry().register(
        ...chatFeaturesOf([...core, ...plugins, plugin]).flatMap((f) => f.commands ?? []),
      );
    } catch (error) {
      throw new ConfigError([`plugin "${spec}": ${messageOf(error)}`]);
    }
    plugins.push(guardPlugin(plugin));
  }
  return plugins;
}
