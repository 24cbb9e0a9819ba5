import type { EntityManager } from '@mikro-orm/core';
import { EquipmentNotice } from './equipment-notice.entity.js';
/** The claim of a notice: the transaction's first write, so a concurrent scan collides at once. */
export async function claimNotice(tx: EntityManager, key: string, at: Date): Promise<EquipmentNotice> {
  const notice = tx.create(EquipmentNotice, { key, recipients: [], createdAt: at });
  await tx.flush();
  return notice;
}

/** Whether a notice was sent already; scans read this to skip work without a transaction. */
export async function noticeSent(em: EntityManager, key: string): Promise<boolean> {
  return (await em.count(EquipmentNotice, { key })) > 0;
}
