import type { FactoryConfig } from '../config/factory-config.js';

/** Chinese names for the type keys factories commonly use; factory.yaml `equipmentTypes` adds or overrides. */
const builtInTypeNames: Readonly<Record<string, string>> = {
  lathe: '车床',
  mill: '铣床',
  press: '冲床',
  bender: '折弯机',
  grinder: '磨床',
  drill: '钻床',
  cnc: '数控机床',
  saw: '锯床',
  welder: '焊机',
  extruder: '挤出机',
  injection: '注塑机',
  compressor: '空压机',
};

/** How an equipment type reads in messages: its configured or built-in name, else the key itself. */
export function typeName(config: Pick<FactoryConfig, 'equipmentTypes'>, type: string): string {
  return config.equipmentTypes[type] ?? builtInTypeNames[type] ?? type;
}

/** The type key a person meant, whether they wrote the key (`press`) or its name (`冲床`). */
export function typeKeyOf(config: Pick<FactoryConfig, 'equipmentTypes'>, written: string): string {
  const names = { ...builtInTypeNames, ...config.equipmentTypes };
  return Object.keys(names).find((key) => names[key] === written) ?? written;
}
