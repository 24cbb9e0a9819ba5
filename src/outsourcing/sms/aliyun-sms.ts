import { createHmac, randomUUID } from 'node:crypto';
import type { AliyunSmsSettings } from '../../config/env.js';
import type { SmsMessage, SmsProvider, SmsResult } from './sms-provider.js';

/**
 * Alibaba Cloud SMS (dysmsapi `SendSms`, API version 2017-05-25) over its RPC-style signed
 * GET, with node:crypto instead of the SDK. Written from Alibaba Cloud's public documentation
 * of signature version 1.0 (HMAC-SHA1 over the sorted, percent-encoded query); it has not
 * been run against the live service from this project — unconfirmed facts are marked.
 */
export class AliyunSmsProvider implements SmsProvider {
  readonly name = 'aliyun';

  constructor(
    private readonly settings: AliyunSmsSettings,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async send(message: SmsMessage): Promise<SmsResult> {
    const params: Record<string, string> = {
      AccessKeyId: this.settings.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      PhoneNumbers: message.phone,
      // Unconfirmed: whether RegionId is still required; cn-hangzhou is what the docs show.
      RegionId: 'cn-hangzhou',
      SignName: this.settings.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      TemplateCode: this.settings.templateCode,
      TemplateParam: JSON.stringify(message.params),
      Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
    };
    const query = canonicalQuery(params);
    const signature = signRpc('GET', query, this.settings.accessKeySecret);
    let response: Response;
    try {
      response = await this.fetchImpl(
        `${this.settings.endpoint}/?Signature=${percentEncode(signature)}&${query}`,
        { signal: AbortSignal.timeout(10_000) },
      );
    } catch (error) {
      return { ok: false, retryable: true, error: `network: ${(error as Error).message}` };
    }
    const body = (await response.json().catch(() => ({}))) as {
      Code?: string;
      Message?: string;
      BizId?: string;
    };
    if (body.Code === 'OK') return { ok: true, ...(body.BizId ? { providerId: body.BizId } : {}) };
    const code = body.Code ?? `HTTP ${response.status}`;
    // Unconfirmed list: throttling and service-side errors are worth a retry; others are not.
    const retryable = response.status >= 500 || /LIMIT_CONTROL|Throttling|ServiceUnavailable/i.test(code);
    return { ok: false, retryable, error: `${code}: ${body.Message ?? ''}`.trim() };
  }
}

/** RFC 3986 encoding as Alibaba Cloud's RPC signature wants it (`*` and space encoded, `~` not). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/\+/g, '%20')
    .replace(/\*/g, '%2A')
    .replace(/%7E/g, '~')
    .replace(/[!'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k] ?? '')}`)
    .join('&');
}

/** StringToSign = METHOD & encode("/") & encode(canonical query); key = secret + "&". */
export function signRpc(method: string, canonical: string, secret: string): string {
  const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(canonical)}`;
  return createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
}
