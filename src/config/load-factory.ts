import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { parse } from 'yaml';
import type { Capability } from '../capabilities/capability.js';
import { configDefaultsFor } from '../capabilities/config-sections.js';
import { coreCapabilities } from '../capabilities/index.js';
import { loadPlugins } from '../capabilities/plugins.js';
import { ConfigError } from './config-error.js';
import type { FactoryConfig } from './factory-config.js';
import { parseFactoryConfig } from './factory-loader.js';

/** A factory as a process runs it: its config, where that came from, and its capabilities. */
export interface LoadedFactory {
  config: FactoryConfig;
  source: string;
  /** The core capabilities, then the plugins factory.yaml names, in its order. */
  capabilities: readonly Capability[];
}

/** The `plugins:` list as written; a malformed one is left to the schema to describe. */
function pluginSpecs(text: string): string[] {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch {
    return []; // the full parse below reports the YAML error with its line
  }
  const plugins = (raw as { plugins?: unknown } | null)?.plugins;
  return Array.isArray(plugins) && plugins.every((p) => typeof p === 'string') ? plugins : [];
}

/**
 * factory.yaml text to a config and capabilities: the plugins it lists are loaded first
 * (paths relative to `baseDir`), since their sections are part of the schema it is checked against.
 */
export async function parseFactory(
  text: string,
  options: { fileName?: string; baseDir: string; core?: readonly Capability[] },
): Promise<Omit<LoadedFactory, 'source'>> {
  const core = options.core ?? coreCapabilities;
  const plugins = await loadPlugins(pluginSpecs(text), options.baseDir, core);
  const capabilities = plugins.length === 0 ? core : [...core, ...plugins];
  try {
    return { config: parseFactoryConfig(text, options.fileName, capabilities), capabilities };
  } catch (error) {
    // A plugin's section clashing with another's is the plugin's mistake: say so as config.
    if (error instanceof ConfigError || plugins.length === 0) throw error;
    throw new ConfigError([`plugins: ${error instanceof Error ? error.message : String(error)}`]);
  }
}

/**
 * The one way a process (server, chat console, CLIs) reads its factory: FACTORY_CONFIG, or
 * ./factory.yaml when present, else the built-in defaults with the core capabilities only.
 */
export async function loadFactory(explicitPath: string | undefined): Promise<LoadedFactory> {
  const path = explicitPath ?? './factory.yaml';
  if (!existsSync(path)) {
    if (explicitPath !== undefined)
      throw new ConfigError([`FACTORY_CONFIG: file not found: ${explicitPath}`]);
    return {
      config: configDefaultsFor(coreCapabilities),
      source: 'built-in defaults',
      capabilities: coreCapabilities,
    };
  }
  const text = readFileSync(path, 'utf8');
  return {
    ...(await parseFactory(text, { fileName: basename(path), baseDir: dirname(path) })),
    source: path,
  };
}
