import { readSmsSettings, type AliyunSmsSettings } from '../../config/env.js';
import { AliyunSmsProvider } from './aliyun-sms.js';
import type { SmsProvider } from './sms-provider.js';

/** The SMS provider the environment configures, or undefined when SMS is off. */
export function smsProviderFromEnv(
  settings: AliyunSmsSettings | undefined = readSmsSettings(),
): SmsProvider | undefined {
  return settings && new AliyunSmsProvider(settings);
}
