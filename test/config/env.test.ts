import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import {
  DEFAULT_DATABASE_URL,
  logLevelOr,
  readMigrationMysqlUrl,
  readSettings,
  readSmsSettings,
} from '../../src/config/env.js';

describe('environment settings', () => {
  it('defaults to the embedded database, port 3000 and Shanghai time, with every channel off', () => {
    const s = readSettings({});
    expect(s).toMatchObject({ port: 3000, databaseUrl: DEFAULT_DATABASE_URL, factoryTz: 'Asia/Shanghai' });
    expect([s.wecom, s.wecomBot, s.dingtalk]).toEqual([undefined, undefined, undefined]);
  });

  it('turns a channel on when all of its settings are present, with the default API hosts', () => {
    const s = readSettings({
      DINGTALK_CLIENT_ID: 'id',
      DINGTALK_CLIENT_SECRET: 'secret',
      DINGTALK_ROBOT_CODE: 'id',
    });
    expect(s.dingtalk).toEqual({
      clientId: 'id',
      clientSecret: 'secret',
      robotCode: 'id',
      apiBase: 'https://api.dingtalk.com',
      oapiBase: 'https://oapi.dingtalk.com',
    });
  });

  it('refuses a half-configured channel, an unknown time zone and a foreign database scheme together', () => {
    let problems: string[] = [];
    try {
      readSettings({ WECOM_BOT_ID: 'bot', FACTORY_TZ: 'Mars/Olympus', DATABASE_URL: 'postgres://x' });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([
      'environment: FACTORY_TZ: unknown time zone "Mars/Olympus"',
      'environment: DATABASE_URL: must start with mysql://, mariadb:// or sqlite:, got "postgres://x"',
      'environment: WeCom bot is half configured: set WECOM_BOT_SECRET too, or unset WECOM_BOT_ID',
    ]);
  });

  it('gives a shutdown 10 s by default and refuses a deadline that is not a positive whole number', () => {
    expect(readSettings({}).shutdownTimeoutMs).toBe(10_000);
    expect(readSettings({ SHUTDOWN_TIMEOUT_MS: '1500', LOG_FILE: '/var/log/sfb.log' })).toMatchObject({
      shutdownTimeoutMs: 1500,
      logFile: '/var/log/sfb.log',
    });
    expect(() => readSettings({ SHUTDOWN_TIMEOUT_MS: '0' })).toThrow(
      'SHUTDOWN_TIMEOUT_MS: must be a positive number of milliseconds, got "0"',
    );
  });

  it('bounds how long a request may take to arrive: 30 s unless HTTP_REQUEST_TIMEOUT_MS says otherwise', () => {
    expect(readSettings({}).requestTimeoutMs).toBe(30_000);
    expect(readSettings({ HTTP_REQUEST_TIMEOUT_MS: '10000' }).requestTimeoutMs).toBe(10_000);
    expect(() => readSettings({ HTTP_REQUEST_TIMEOUT_MS: 'soon' })).toThrow(
      'HTTP_REQUEST_TIMEOUT_MS: must be a whole number of milliseconds, at least 100',
    );
  });

  it('leases a long connection for 15 s unless CONNECTION_LEASE_MS says otherwise', () => {
    expect(readSettings({}).connectionLeaseMs).toBe(15_000);
    expect(readSettings({ CONNECTION_LEASE_MS: '2000' }).connectionLeaseMs).toBe(2000);
    expect(() => readSettings({ CONNECTION_LEASE_MS: '500' })).toThrow(
      'CONNECTION_LEASE_MS: must be a whole number of milliseconds, at least 1000',
    );
  });

  it('leaves SMS off while no Alibaba Cloud key is set, and refuses half of them', () => {
    expect(readSmsSettings({})).toBeUndefined();
    const keys = {
      ALIYUN_SMS_ACCESS_KEY_ID: 'id',
      ALIYUN_SMS_ACCESS_KEY_SECRET: 'secret',
      ALIYUN_SMS_SIGN_NAME: '示例工厂',
      ALIYUN_SMS_TEMPLATE_CODE: 'SMS_1',
    };
    expect(readSmsSettings(keys)).toEqual({
      accessKeyId: 'id',
      accessKeySecret: 'secret',
      signName: '示例工厂',
      templateCode: 'SMS_1',
      endpoint: 'https://dysmsapi.aliyuncs.com',
    });
    expect(readSmsSettings({ ...keys, ALIYUN_SMS_ENDPOINT: 'http://127.0.0.1:9/' })?.endpoint).toBe(
      'http://127.0.0.1:9',
    );
    expect(() => readSmsSettings({ ALIYUN_SMS_ACCESS_KEY_ID: 'id' })).toThrow(
      'Alibaba Cloud SMS is half configured: set ALIYUN_SMS_ACCESS_KEY_SECRET, ALIYUN_SMS_SIGN_NAME, ALIYUN_SMS_TEMPLATE_CODE too',
    );
  });

  it('reads the log level and the scratch MySQL server of the command-line tools with their own defaults', () => {
    expect(logLevelOr('warn', {})).toBe('warn');
    expect(logLevelOr('warn', { LOG_LEVEL: 'debug' })).toBe('debug');
    expect(readSettings({}).logLevel).toBe('info');
    expect(readMigrationMysqlUrl({})).toBe('mysql://root@127.0.0.1:3306/');
    expect(readMigrationMysqlUrl({ MIGRATION_MYSQL_URL: 'mysql://ci@db:3306/' })).toBe('mysql://ci@db:3306/');
  });
});
