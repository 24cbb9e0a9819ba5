import type { SmsMessage, SmsProvider, SmsResult } from './sms-provider.js';

/** Records what would have been sent; tests and the console demo use it instead of a real provider. */
export class FakeSmsProvider implements SmsProvider {
  readonly name = 'fake';
  readonly sent: SmsMessage[] = [];
  /** Answers to give, in order, before answering ok. */
  readonly failures: Array<Extract<SmsResult, { ok: false }>> = [];

  async send(message: SmsMessage): Promise<SmsResult> {
    const failure = this.failures.shift();
    if (failure) return failure;
    this.sent.push(message);
    return { ok: true, providerId: `fake-${this.sent.length}` };
  }
}
