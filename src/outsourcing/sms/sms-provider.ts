/** One text message to one phone. Providers in China send only approved templates, so the
 * same content comes as free text (for providers and fakes that take it) and as parameters. */
export interface SmsMessage {
  phone: string;
  text: string;
  params: Record<string, string>;
}

export type SmsResult = { ok: true; providerId?: string } | { ok: false; retryable: boolean; error: string };

/** Where reminders go for a contact with no chat account. */
export interface SmsProvider {
  readonly name: string;
  send(message: SmsMessage): Promise<SmsResult>;
}
