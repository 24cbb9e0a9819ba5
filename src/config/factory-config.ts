import type { ROLES } from './factory-schema.js';

export type Role = (typeof ROLES)[number];

export interface ShiftConfig {
  name: string;
  start: string;
  end: string;
}

export interface TeamConfig {
  id: string;
  name: string;
  wecomGroup?: string;
  wecomBotGroup?: string;
  dingtalkGroup?: string;
}

export interface PersonConfig {
  id: string;
  name: string;
  roles: Role[];
  team?: string;
  wecom?: string;
  dingtalk?: string;
  phone?: string;
}

/** `factory.yaml` after validation, with every default filled in. */
export interface FactoryConfig {
  factory: { name: string };
  shifts: ShiftConfig[];
  teams: TeamConfig[];
  people: PersonConfig[];
  chat: { dialogExpiryMinutes: number };
  digest: { time: string; riskDays: number; teamGroups: boolean };
  workOrders: { overReportTolerance: number };
  dingtalk: { cardTemplateId?: string };
}

/** A small metalworking shop, so a factory with no file still gets sensible behaviour. */
export const defaultFactoryConfig: FactoryConfig = {
  factory: { name: '示例五金厂' },
  shifts: [
    { name: '白班', start: '08:00', end: '20:00' },
    { name: '夜班', start: '20:00', end: '08:00' },
  ],
  teams: [],
  people: [],
  chat: { dialogExpiryMinutes: 30 },
  digest: { time: '07:30', riskDays: 3, teamGroups: false },
  workOrders: { overReportTolerance: 0.05 },
  dingtalk: {},
};
