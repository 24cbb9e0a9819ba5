import { ConfigError } from '../../config/config-error.js';
import { AliyunSmsProvider } from './aliyun-sms.js';
import type { SmsProvider } from './sms-provider.js';

const KEYS = [
  'ALIYUN_SMS_ACCESS_KEY_ID',
  'ALIYUN_SMS_ACCESS_KEY_SECRET',
  'ALIYUN_SMS_SIGN_NAME',
  'ALIYUN_SMS_TEMPLATE_CODE',
] as const;

/**
 * The SMS provider the environment configures, or undefined when SMS is off (no key set).
 * Like the chat channels, a half-configured provider is an operator mistake worth stopping for.
 */
export function smsProviderFromEnv(
  env: Record<string, string | undefined> = process.env,
): SmsProvider | undefined {
  const present = KEYS.filter((k) => (env[k] ?? '').trim() !== '');
  if (present.length === 0) return undefined;
  if (present.length < KEYS.length) {
    const missing = KEYS.filter((k) => !present.includes(k));
    throw new ConfigError([
      `environment: Alibaba Cloud SMS is half configured: set ${missing.join(', ')} too`,
    ]);
  }
  const value = (k: (typeof KEYS)[number]) => (env[k] ?? '').trim();
  return new AliyunSmsProvider({
    accessKeyId: value('ALIYUN_SMS_ACCESS_KEY_ID'),
    accessKeySecret: value('ALIYUN_SMS_ACCESS_KEY_SECRET'),
    signName: value('ALIYUN_SMS_SIGN_NAME'),
    templateCode: value('ALIYUN_SMS_TEMPLATE_CODE'),
    endpoint: (env.ALIYUN_SMS_ENDPOINT ?? 'https://dysmsapi.aliyuncs.com').replace(/\/$/, ''),
  });
}
