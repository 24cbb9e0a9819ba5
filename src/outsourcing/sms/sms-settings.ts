import type { AliyunSmsSettings } from '../../config/env.js';
import { AliyunSmsProvider } from './aliyun-sms.js';
import type { SmsProvider } from './sms-provider.js';

/** The SMS provider the settings configure, or undefined when SMS is off. */
export function smsProviderFrom(settings: AliyunSmsSettings | undefined): SmsProvider | undefined {
  return settings && new AliyunSmsProvider(settings);
}
