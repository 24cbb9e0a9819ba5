import type { EntityManager } from '@mikro-orm/core';
import type { Logger } from '../../shared/logger.js';
import { OutsourcingReminder } from '../reminder.entity.js';
import type { SmsProvider } from './sms-provider.js';

const MAX_ATTEMPTS = 3;

/**
 * Sends the SMS of reminders already recorded. A row is claimed by a conditional UPDATE
 * (pending → sending), so of two servers exactly one sends it; a refusal the provider calls
 * temporary puts it back for the next pass, up to three attempts.
 */
export async function sendPendingSms(
  em: EntityManager,
  provider: SmsProvider,
  logger: Logger,
): Promise<{ sent: number; failed: number }> {
  const pending = await em.find(
    OutsourcingReminder,
    { smsStatus: 'pending' },
    { orderBy: { id: 'asc' }, limit: 50 },
  );
  let sent = 0;
  let failed = 0;
  for (const row of pending) {
    const claimed = await em.nativeUpdate(
      OutsourcingReminder,
      { id: row.id, smsStatus: 'pending' },
      { smsStatus: 'sending', smsAttempts: row.smsAttempts + 1 },
    );
    if (claimed !== 1 || !row.smsPhone || !row.smsText) continue;
    const result = await provider.send({
      phone: row.smsPhone,
      text: row.smsText,
      params: row.smsParams ?? {},
    });
    if (result.ok) {
      await em.nativeUpdate(OutsourcingReminder, { id: row.id }, { smsStatus: 'sent', smsError: null });
      sent += 1;
      continue;
    }
    const giveUp = !result.retryable || row.smsAttempts + 1 >= MAX_ATTEMPTS;
    await em.nativeUpdate(
      OutsourcingReminder,
      { id: row.id },
      { smsStatus: giveUp ? 'failed' : 'pending', smsError: result.error.slice(0, 200) },
    );
    logger.warn(
      { reminderId: row.id, provider: provider.name, error: result.error, giveUp },
      'reminder SMS not sent',
    );
    if (giveUp) failed += 1;
  }
  return { sent, failed };
}
