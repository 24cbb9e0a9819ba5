import type { Services } from '../services.js';
import type { AccessLink } from './access-link.entity.js';
import type { Changer } from './deps.js';
import { orderInScope } from './order-lookup.js';
import { changeState, type StateChangeOutcome } from './order-service.js';
import { OutsourcingOrder } from './outsourcing-order.entity.js';
import { OutsourcingPhoto } from './photo.entity.js';
import { discardPhoto, storePhoto } from './photo-store.js';
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
 * (a returned state) carries how many. The file is
 * written first and removed again if the change is refused, so a photo exists only with its
 * record. Another partner's order is "not found".
 */
export async function moveByLink(
  deps: Services,
  link: AccessLink,
  number: string,
  to: string,
  photo: UploadedPhoto | undefined,
  returnedQuantity?: number,
): Promise<{ order: OutsourcingOrder; outcome: StateChangeOutcome }> {
  const order = await orderInScope(deps.em, number, link.partner?.code ?? null);
  const stored = photo
    ? await storePhoto(deps.config.outsourcing.photoDir, order.id, photo.bytes, photo.extension)
    : undefined;
  try {
    return await deps.em.transactional(async (tx) => {
      const inTx = { ...deps, em: tx };
      const current = await orderInScope(tx, number, link.partner?.code ?? null);
      const changer = linkChanger(link, deps.clock.now());
      const outcome = await changeState(inTx, changer, current, to, {
        photos: stored ? 1 : 0,
        returnedQuantity,
      });
      if (stored && photo) {
        tx.create(OutsourcingPhoto, {
          order: current,
          stateChange: outcome.change,
          path: stored,
          contentType: photo.contentType,
          bytes: photo.bytes.length,
          uploadedAt: changer.at,
          actorId: changer.personId,
        });
      }
      return { order: current, outcome };
    });
  } catch (error) {
    if (stored) await discardPhoto(deps.config.outsourcing.photoDir, stored);
    throw error;
  }
}
