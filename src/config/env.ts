import { isValidTimeZone } from '../shared/time.js';
import { ConfigError } from './config-error.js';

/** The operator contract of PRODUCT.md, read once from the environment. */
export interface Settings {
  port: number;
  /** Alibaba Cloud SMS (ALIYUN_SMS_*), for partners without a chat account; off when unset. */
  sms: AliyunSmsSettings | undefined;
  databaseUrl: string;
  factoryConfigPath: string | undefined;
  factoryTz: string;
  logLevel: string;
  /** Where logging goes on once standard output is broken (LOG_FILE); without it, lines are dropped. */
  logFile: string | undefined;
  /** How long a shutdown may take before the process gives up waiting and exits non-zero. */
  shutdownTimeoutMs: number;
  /** Tests only (SHUTDOWN_TEST_HANG_STEP): the shutdown step made to hang, to prove the deadline. */
  shutdownTestHangStep: string | undefined;
  /** Where people reach this server from outside (links in cards, partner pages). */
  publicUrl: string;
  /** Apply pending migrations at start-up instead of refusing to start. */
  autoMigrate: boolean;
  /** The console channel: on for demos (no platform configured) or when asked for. */
  consoleChannel: boolean;
  /** A request must arrive whole (headers and body) within this, or its socket is closed (HTTP_REQUEST_TIMEOUT_MS). */
  requestTimeoutMs: number;
  /**
   * How long the lease on a long connection (the WeCom bot's) lasts unrenewed
   * (CONNECTION_LEASE_MS): another instance takes the connection over within 4/3 of it after
   * the holder dies.
   */
  connectionLeaseMs: number;
  wecom: WecomAppSettings | undefined;
  wecomBot: WecomBotSettings | undefined;
  dingtalk: DingtalkSettings | undefined;
}

export interface WecomAppSettings {
  corpId: string;
  agentId: number;
  secret: string;
  token: string;
  aesKey: string;
  apiBase: string;
  /** Callbacks further than this from our clock are refused as replays (WECOM_TIMESTAMP_WINDOW). */
  timestampWindowSeconds: number;
}

export interface WecomBotSettings {
  botId: string;
  secret: string;
  wsUrl: string;
  /** First reconnect delay; the SDK doubles it up to 30 s (WECOM_BOT_RECONNECT_MS). */
  reconnectIntervalMs: number;
}

export interface DingtalkSettings {
  clientId: string;
  clientSecret: string;
  robotCode: string;
  apiBase: string;
  oapiBase: string;
}

export const DEFAULT_DATABASE_URL = 'sqlite:./data/shopfloor.sqlite';

type Env = Record<string, string | undefined>;

export function readSettings(env: Env = process.env): Settings {
  const problems: string[] = [];
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`PORT: must be a port number, got "${env.PORT}"`);
  const factoryTz = env.FACTORY_TZ ?? 'Asia/Shanghai';
  if (!isValidTimeZone(factoryTz)) problems.push(`FACTORY_TZ: unknown time zone "${factoryTz}"`);
  const shutdownTimeoutMs = Number(env.SHUTDOWN_TIMEOUT_MS ?? 10_000);
  if (!Number.isInteger(shutdownTimeoutMs) || shutdownTimeoutMs <= 0)
    problems.push(
      `SHUTDOWN_TIMEOUT_MS: must be a positive number of milliseconds, got "${env.SHUTDOWN_TIMEOUT_MS}"`,
    );
  const databaseUrl = nonEmpty(env.DATABASE_URL) ?? DEFAULT_DATABASE_URL;
  if (!/^(mysql|mariadb):\/\/|^sqlite:/.test(databaseUrl)) {
    problems.push(`DATABASE_URL: must start with mysql://, mariadb:// or sqlite:, got "${databaseUrl}"`);
  }
  const settings: Settings = {
    port,
    databaseUrl,
    factoryConfigPath: nonEmpty(env.FACTORY_CONFIG),
    factoryTz,
    logLevel: logLevelOr('info', env),
    logFile: nonEmpty(env.LOG_FILE),
    shutdownTimeoutMs,
    shutdownTestHangStep: nonEmpty(env.SHUTDOWN_TEST_HANG_STEP),
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    autoMigrate: env.AUTO_MIGRATE === 'true' || env.AUTO_MIGRATE === '1',
    consoleChannel: false,
    requestTimeoutMs: Number(env.HTTP_REQUEST_TIMEOUT_MS ?? 30_000),
    connectionLeaseMs: Number(env.CONNECTION_LEASE_MS ?? 15_000),
    sms: smsSettingsOf(env, problems),
    wecom: readGroup(
      env,
      problems,
      'WeCom app',
      ['WECOM_CORP_ID', 'WECOM_AGENT_ID', 'WECOM_SECRET', 'WECOM_TOKEN', 'WECOM_AES_KEY'],
      (v) => ({
        corpId: v.WECOM_CORP_ID,
        agentId: Number(v.WECOM_AGENT_ID),
        secret: v.WECOM_SECRET,
        token: v.WECOM_TOKEN,
        aesKey: v.WECOM_AES_KEY,
        apiBase: env.WECOM_API_BASE ?? 'https://qyapi.weixin.qq.com',
        timestampWindowSeconds: Number(env.WECOM_TIMESTAMP_WINDOW ?? 300),
      }),
    ),
    wecomBot: readGroup(env, problems, 'WeCom bot', ['WECOM_BOT_ID', 'WECOM_BOT_SECRET'], (v) => ({
      botId: v.WECOM_BOT_ID,
      secret: v.WECOM_BOT_SECRET,
      wsUrl: env.WECOM_BOT_WS_URL ?? 'wss://openws.work.weixin.qq.com',
      reconnectIntervalMs: Number(env.WECOM_BOT_RECONNECT_MS ?? 1000),
    })),
    dingtalk: readGroup(
      env,
      problems,
      'DingTalk',
      ['DINGTALK_CLIENT_ID', 'DINGTALK_CLIENT_SECRET', 'DINGTALK_ROBOT_CODE'],
      (v) => ({
        clientId: v.DINGTALK_CLIENT_ID,
        clientSecret: v.DINGTALK_CLIENT_SECRET,
        robotCode: v.DINGTALK_ROBOT_CODE,
        apiBase: env.DINGTALK_API_BASE ?? 'https://api.dingtalk.com',
        oapiBase: env.DINGTALK_OAPI_BASE ?? 'https://oapi.dingtalk.com',
      }),
    ),
  };
  settings.consoleChannel =
    env.CONSOLE_CHANNEL === 'true' ||
    (env.CONSOLE_CHANNEL !== 'false' && !settings.wecom && !settings.wecomBot && !settings.dingtalk);
  if (!Number.isInteger(settings.requestTimeoutMs) || settings.requestTimeoutMs < 100)
    problems.push(`HTTP_REQUEST_TIMEOUT_MS: must be a whole number of milliseconds, at least 100`);
  if (!Number.isInteger(settings.connectionLeaseMs) || settings.connectionLeaseMs < 1000)
    problems.push(`CONNECTION_LEASE_MS: must be a whole number of milliseconds, at least 1000`);
  if (settings.wecom && !Number.isInteger(settings.wecom.agentId))
    problems.push('WECOM_AGENT_ID: must be a whole number');
  if (settings.wecom && !/^[A-Za-z0-9]{43}$/.test(settings.wecom.aesKey)) {
    problems.push('WECOM_AES_KEY: must be the 43-character EncodingAESKey from the WeCom admin console');
  }
  if (problems.length > 0) throw new ConfigError(problems.map((p) => `environment: ${p}`));
  return settings;
}

/** LOG_LEVEL, or `fallback` where a process (the console chat) wants a quieter default. */
export function logLevelOr(fallback: string, env: Env = process.env): string {
  return env.LOG_LEVEL ?? fallback;
}

/**
 * The MySQL/MariaDB server on which `npm run migration:create` and `migration:check` make
 * scratch databases (MIGRATION_MYSQL_URL); the local MariaDB of the development setup.
 */
export function readMigrationMysqlUrl(env: Env = process.env): string {
  return nonEmpty(env.MIGRATION_MYSQL_URL) ?? 'mysql://root@127.0.0.1:3306/';
}

/** Alibaba Cloud SMS, for outsourcing reminders to contacts without a chat id. */
export interface AliyunSmsSettings {
  accessKeyId: string;
  accessKeySecret: string;
  /** 短信签名, approved in the console. */
  signName: string;
  /** 模板 CODE of an approved template using ${number} ${product} ${due} ${late}. */
  templateCode: string;
  endpoint: string;
}

const ALIYUN_SMS_KEYS = [
  'ALIYUN_SMS_ACCESS_KEY_ID',
  'ALIYUN_SMS_ACCESS_KEY_SECRET',
  'ALIYUN_SMS_SIGN_NAME',
  'ALIYUN_SMS_TEMPLATE_CODE',
] as const;

/**
 * The SMS settings, or undefined when SMS is off (no key set). Like the chat channels, a
 * half-configured provider is an operator mistake worth stopping for.
 */
export function readSmsSettings(env: Env = process.env): AliyunSmsSettings | undefined {
  const present = ALIYUN_SMS_KEYS.filter((k) => (env[k] ?? '').trim() !== '');
  if (present.length === 0) return undefined;
  if (present.length < ALIYUN_SMS_KEYS.length) {
    const missing = ALIYUN_SMS_KEYS.filter((k) => !present.includes(k));
    throw new ConfigError([
      `environment: Alibaba Cloud SMS is half configured: set ${missing.join(', ')} too`,
    ]);
  }
  const value = (k: (typeof ALIYUN_SMS_KEYS)[number]) => (env[k] ?? '').trim();
  return {
    accessKeyId: value('ALIYUN_SMS_ACCESS_KEY_ID'),
    accessKeySecret: value('ALIYUN_SMS_ACCESS_KEY_SECRET'),
    signName: value('ALIYUN_SMS_SIGN_NAME'),
    templateCode: value('ALIYUN_SMS_TEMPLATE_CODE'),
    endpoint: (env.ALIYUN_SMS_ENDPOINT ?? 'https://dysmsapi.aliyuncs.com').replace(/\/$/, ''),
  };
}

/**
 * A channel is on only when all of its settings are present; a half-configured channel is
 * an operator mistake worth stopping for, not a channel to silently leave off.
 */
function readGroup<K extends string, T>(
  env: Env,
  problems: string[],
  label: string,
  keys: readonly K[],
  build: (values: Record<K, string>) => T,
): T | undefined {
  const present = keys.filter((k) => nonEmpty(env[k]) !== undefined);
  if (present.length === 0) return undefined;
  if (present.length < keys.length) {
    const missing = keys.filter((k) => !present.includes(k));
    problems.push(
      `${label} is half configured: set ${missing.join(', ')} too, or unset ${present.join(', ')}`,
    );
    return undefined;
  }
  return build(Object.fromEntries(keys.map((k) => [k, env[k] as string])) as Record<K, string>);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function smsSettingsOf(env: Env, problems: string[]): AliyunSmsSettings | undefined {
  try {
    return readSmsSettings(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
    return undefined;
  }
}
