import { coreConfigDefaults, type FactoryConfig } from '../config/factory-config.js';
import { coreSchema } from '../config/factory-schema.js';
import type { Capability } from './capability.js';

function sectionsOf(capabilities: readonly Capability[]) {
  return capabilities.flatMap((c) =>
    Object.entries(c.config?.sections ?? {}).map(([key, section]) => ({ owner: c.name, key, ...section })),
  );
}

/**
 * The JSON Schema of a whole factory.yaml: the core sections and each capability's own. Two
 * capabilities claiming one section is a mistake in the code, refused here rather than merged.
 */
export function factorySchemaFor(capabilities: readonly Capability[]): Record<string, unknown> {
  const properties: Record<string, unknown> = { ...coreSchema.properties };
  const owners = new Map<string, string>(Object.keys(properties).map((key) => [key, 'core']));
  for (const { owner, key, schema } of sectionsOf(capabilities)) {
    const claimed = owners.get(key);
    if (claimed) throw new Error(`factory.yaml section "${key}" is declared by both ${claimed} and ${owner}`);
    owners.set(key, owner);
    properties[key] = schema;
  }
  return { ...coreSchema, properties };
}

/** What a factory with no file (or a file that leaves a section out) gets. */
export function configDefaultsFor(capabilities: readonly Capability[]): FactoryConfig {
  const defaults: Record<string, unknown> = { ...coreConfigDefaults };
  for (const { key, defaults: value } of sectionsOf(capabilities)) defaults[key] = value;
  return defaults as unknown as FactoryConfig;
}

/** Every capability's cross-checks of a validated config, in list order. */
export function configProblemsFor(capabilities: readonly Capability[], config: FactoryConfig): string[] {
  return capabilities.flatMap((c) => c.config?.problems?.(config, capabilities) ?? []);
}
