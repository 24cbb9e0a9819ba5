import type { Services } from '../services.js';
import type { Actor } from '../chat/audit/actor.js';
import type { AccessLink } from './access-link.entity.js';
import type { Changer } from './deps.js';
import { orderInScope } from './order-lookup.js';
import { changeState, type StateChangeOutcome } from './order-service.js';
import { OutsourcingOrder } from './outsourcing-order.entity.js';
import { OutsourcingPhoto } from './photo.entity.js';
import { auditReschedule, rescheduleReturn } from './reschedule-service.js';
import { offerMediaLink } from '../shared/media/media-links.js';
import { MediaStore } from '../shared/media/media-store.js';
import { statesOf } from './states.js';

export interface UploadedPhoto {
  bytes: Uint8Array;
  contentType: string;
  extension: string;
}

/** The partner behind a link, as the state history and the coordinator's message name them. */
export function linkChanger(link: AccessLink, at: Date): Changer {
  const partner = link.partner?.name ?? '';
  return {
    personId: link.contact?.id ?? null,
    name: link.contact ? `${link.contact.name}（${partner}）` : partner,
    channel: 'link',
    at,
    partnerSide: true,
  };
}

/** The partner behind a link as the audit log names it: its contact, or the partner when none. */
function linkActor(link: AccessLink, changer: Changer): Actor {
  return {
    person: {
      id: changer.personId ?? `partner:${link.partner?.code ?? ''}`,
      name: changer.name,
      roles: [],
      teamId: undefined,
    },
    channel: 'link',
    inboundEventId: null,
    at: changer.at,
  };
}

/** The orders a partner's page lists: those still at the partner, next return first. */
export async function ordersOfLink(deps: Services, link: AccessLink): Promise<OutsourcingOrder[]> {
  const states = statesOf(deps.config.outsourcing);
  return deps.em.find(
    OutsourcingOrder,
    { partner: link.partner?.code ?? '', state: { $in: states.awaitingReturn } },
    { populate: ['partner'], orderBy: { expectedReturnAt: 'asc', id: 'asc' } },
  );
}

/**
 * A partner moves one of its orders from its page, with an optional photo; sending pieces back
 * (a returned state) carries how many. The photo goes into the media store in the change's
 * transaction, so a refused change keeps no record of it (its bytes, named by their hash, are
 * simply reused by the next store of the same photo); the coordinator's message links it.
 * Another partner's order is "not found".
 */
export async function moveByLink(
  deps: Services,
  link: AccessLink,
  number: string,
  to: string,
  photo: UploadedPhoto | undefined,
  returnedQuantity: number | undefined,
  /** PUBLIC_URL, for the photo's link in the coordinator's message. */
  publicUrl: string,
): Promise<{ order: OutsourcingOrder; outcome: StateChangeOutcome }> {
  await orderInScope(deps.em, number, link.partner?.code ?? null);
  return deps.em.transactional(async (tx) => {
    const inTx = { ...deps, em: tx };
    const current = await orderInScope(tx, number, link.partner?.code ?? null);
    const changer = linkChanger(link, deps.clock.now());
    const media = photo
      ? await new MediaStore(deps.config.media).store(tx, deps.clock, {
          bytes: Buffer.from(photo.bytes),
          source: 'partner-page',
          uploadedBy: changer.personId,
        })
      : undefined;
    const photoLinks = media
      ? [offerMediaLink({ ...deps, em: tx }, publicUrl, media.id, changer.personId)]
      : [];
    const outcome = await changeState(inTx, changer, current, to, {
      photos: photoLinks.length,
      photoLinks,
      returnedQuantity,
    });
    if (media) {
      tx.create(OutsourcingPhoto, {
        order: current,
        stateChange: outcome.change,
        media,
        path: media.path,
        contentType: media.contentType,
        bytes: media.size,
        uploadedAt: changer.at,
        actorId: changer.personId,
      });
    }
    return { order: current, outcome };
  });
}

/**
 * A partner says from its page that a batch comes back at another time: the same change as
 * 改回厂 in chat (the coordinators are told, the reminders follow the new time, the audit log
 * keeps who moved it from when to when and why). Another partner's order is "not found".
 */
export async function rescheduleByLink(
  deps: Services,
  link: AccessLink,
  number: string,
  at: Date,
  reason: string | null,
): Promise<OutsourcingOrder> {
  return deps.em.transactional(async (tx) => {
    const order = await orderInScope(tx, number, link.partner?.code ?? null);
    const changer = linkChanger(link, deps.clock.now());
    const before = await rescheduleReturn({ ...deps, em: tx }, changer, order, at, reason);
    auditReschedule(tx, linkActor(link, changer), order, before, reason);
    return order;
  });
}
