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

/**
 * `factory.yaml` after validation, with every default filled in. These are the sections every
 * factory has; each capability adds its own to this interface from its `config.ts`
 * (`declare module`), beside the schema and defaults it declares for them.
 */
export interface FactoryConfig {
  factory: { name: string };
  shifts: ShiftConfig[];
  teams: TeamConfig[];
  people: PersonConfig[];
  chat: { dialogExpiryMinutes: number };
  /** When the production day begins (HH:mm, factory zone); the first shift's start when unset. */
  productionDay: { startsAt?: string };
  dingtalk: { cardTemplateId?: string };
  /** Photos people send: where their bytes live, the largest accepted, how long a view link lasts. */
  media: MediaConfig;
  /** Modules (paths or package names) of the factory's own capabilities, loaded at start. */
  plugins: string[];
}

export interface MediaConfig {
  /** The folder the files are written to (relative to the working directory). */
  dir: string;
  maxMegabytes: number;
  /** How long a signed link to view a photo stays open. */
  linkHours: number;
}

/** The sections every factory has, whichever capabilities it runs. */
export type CoreSection =
  'factory' | 'shifts' | 'teams' | 'people' | 'chat' | 'productionDay' | 'dingtalk' | 'media' | 'plugins';

/** The core sections' built-in defaults: a small metalworking shop on two shifts. */
export const coreConfigDefaults = {
  factory: { name: '示例五金厂' },
  shifts: [
    { name: '白班', start: '08:00', end: '20:00' },
    { name: '夜班', start: '20:00', end: '08:00' },
  ],
  teams: [],
  people: [],
  chat: { dialogExpiryMinutes: 30 },
  productionDay: {},
  dingtalk: {},
  media: { dir: './data/media', maxMegabytes: 10, linkHours: 72 },
  plugins: [],
} satisfies Pick<FactoryConfig, CoreSection>;
