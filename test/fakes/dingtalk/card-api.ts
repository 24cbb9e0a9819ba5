import {
  invalidParameter,
  isRecord,
  isStringArray,
  isStringMap,
  ok,
  recordedAnswer,
  type ApiReply,
  type RouteRequest,
} from './http-kit.js';
import type { CardParamMap, CardRecord, CardUpdate } from './types.js';

/** §5.4: `dtv1.card//IM_GROUP.<conversationId>` or `dtv1.card//IM_ROBOT.<userId>`. */
const OPEN_SPACE_ID = /^dtv1\.card\/\/(IM_GROUP|IM_ROBOT)\.(.+)$/;

interface Space {
  spaceType: 'IM_GROUP' | 'IM_ROBOT';
  spaceId: string;
}

interface UpdateRequest {
  cardParamMap: CardParamMap | undefined;
  privateData: Record<string, CardParamMap> | undefined;
  options: unknown;
}

/**
 * Interactive cards (§5.4) and their current state, which changes through `PUT
 * /v1.0/card/instances` and through the answer to a card callback (§4.2). Error codes for
 * invalid requests are UNCONFIRMED; all come back as HTTP 400 InvalidParameter.
 */
export class CardApi {
  private readonly cards = new Map<string, CardRecord>();

  constructor(
    private readonly robotCode: string,
    private readonly now: () => number,
  ) {}

  list(): CardRecord[] {
    return [...this.cards.values()].map((card) => structuredClone(card));
  }

  get(outTrackId: string): CardRecord | undefined {
    const card = this.cards.get(outTrackId);
    return card === undefined ? undefined : structuredClone(card);
  }

  createAndDeliver = ({ body }: RouteRequest): ApiReply => {
    if (!isRecord(body)) return invalidParameter('body must be a JSON object');
    const { cardTemplateId, outTrackId, callbackType } = body;
    if (typeof cardTemplateId !== 'string' || !cardTemplateId.endsWith('.schema'))
      return invalidParameter('cardTemplateId must be a template id like <uuid>.schema');
    if (typeof outTrackId !== 'string' || outTrackId === '')
      return invalidParameter('outTrackId is required');
    if (this.cards.has(outTrackId)) return invalidParameter(`outTrackId ${outTrackId} already exists`);
    const problem =
      callbackProblem(callbackType, body.callbackRouteKey) ??
      paramMapProblem(
        'cardData.cardParamMap',
        isRecord(body.cardData) ? body.cardData.cardParamMap : undefined,
      ) ??
      privateDataProblem(body.privateData);
    if (problem !== undefined) return invalidParameter(problem);
    const space = parseOpenSpaceId(body.openSpaceId);
    if (typeof space === 'string') return invalidParameter(space);
    const deliverProblem = this.deliverModelProblem(space, body);
    if (deliverProblem !== undefined) return invalidParameter(deliverProblem);

    const at = this.now();
    this.cards.set(outTrackId, {
      outTrackId,
      cardTemplateId,
      openSpaceId: body.openSpaceId as string,
      ...space,
      callbackType: typeof callbackType === 'string' ? callbackType : undefined,
      cardParamMap: { ...(body.cardData as { cardParamMap: CardParamMap }).cardParamMap },
      privateData: structuredClone(unwrapPrivateData(body.privateData) ?? {}),
      created: structuredClone(body),
      updates: [],
      createdAt: at,
    });
    // UNCONFIRMED: the brief gives `{success, result:{outTrackId, …}}`; deliverResults is a plausible filler.
    const recorded = recordedAnswer<{ result: { deliverResults: object[] } }>('card-create-and-deliver');
    return ok({
      ...recorded,
      result: {
        ...recorded.result,
        outTrackId,
        deliverResults: [{ ...recorded.result.deliverResults[0], ...space }],
      },
    });
  };

  update = ({ body }: RouteRequest): ApiReply => {
    if (!isRecord(body)) return invalidParameter('body must be a JSON object');
    const card = typeof body.outTrackId === 'string' ? this.cards.get(body.outTrackId) : undefined;
    if (card === undefined)
      return invalidParameter(`card instance ${JSON.stringify(body.outTrackId)} does not exist`);
    const cardData = body.cardData;
    if (cardData !== undefined && !isRecord(cardData)) return invalidParameter('cardData must be an object');
    const privateData = body.privateData;
    const problem =
      (cardData?.cardParamMap === undefined
        ? undefined
        : paramMapProblem('cardData.cardParamMap', cardData.cardParamMap)) ??
      (privateData === undefined ? undefined : privateDataProblem(privateData));
    if (problem !== undefined) return invalidParameter(problem);
    applyUpdate(card, 'api', this.now(), {
      cardParamMap: cardData?.cardParamMap as CardParamMap | undefined,
      privateData: unwrapPrivateData(privateData),
      options: body.cardUpdateOptions,
    });
    return ok(recordedAnswer('card-update')); // UNCONFIRMED response shape
  };

  /**
   * §4.2: the ACK of a card callback carries `{response: {cardData, userPrivateData, cardUpdateOptions}}`;
   * cardData changes what everybody sees, userPrivateData only the clicker's view. Returns a problem, if any.
   */
  applyCallbackResponse(outTrackId: string, userId: string, ackData: unknown): string | undefined {
    const card = this.cards.get(outTrackId);
    const response = isRecord(ackData) ? ackData.response : undefined;
    if (card === undefined || response === undefined || response === null) return undefined;
    if (!isRecord(response)) return 'the card callback response must be an object';
    const shared = isRecord(response.cardData) ? response.cardData.cardParamMap : undefined;
    const own = isRecord(response.userPrivateData) ? response.userPrivateData.cardParamMap : undefined;
    const problem =
      (shared === undefined ? undefined : paramMapProblem('response.cardData.cardParamMap', shared)) ??
      (own === undefined ? undefined : paramMapProblem('response.userPrivateData.cardParamMap', own));
    if (problem !== undefined) return problem;
    applyUpdate(card, 'callback', this.now(), {
      cardParamMap: shared as CardParamMap | undefined,
      privateData: own === undefined ? undefined : { [userId]: own as CardParamMap },
      options: response.cardUpdateOptions,
    });
    return undefined;
  }

  private deliverModelProblem(space: Space, body: Record<string, unknown>): string | undefined {
    if (space.spaceType === 'IM_ROBOT') {
      const model = body.imRobotOpenDeliverModel;
      return isRecord(model) && model.spaceType === 'IM_ROBOT'
        ? undefined
        : 'imRobotOpenDeliverModel {spaceType:"IM_ROBOT"} is required for IM_ROBOT';
    }
    const model = body.imGroupOpenDeliverModel;
    if (!isRecord(model)) return 'imGroupOpenDeliverModel is required for IM_GROUP';
    if (model.robotCode !== this.robotCode)
      return 'imGroupOpenDeliverModel.robotCode must be the robot of this app';
    if (model.atUserIds !== undefined && !isStringMap(model.atUserIds))
      return 'imGroupOpenDeliverModel.atUserIds must map userId to nick';
    if (model.recipients !== undefined && !isStringArray(model.recipients))
      return 'imGroupOpenDeliverModel.recipients must be userIds';
    return undefined;
  }
}

/** A map is replaced unless the update asks to merge key by key (§5.4 cardUpdateOptions). */
function applyUpdate(
  card: CardRecord,
  source: CardUpdate['source'],
  at: number,
  request: UpdateRequest,
): void {
  const options = isRecord(request.options) ? request.options : {};
  const merge = (current: CardParamMap, next: CardParamMap, byKey: unknown): CardParamMap =>
    byKey === true ? { ...current, ...next } : { ...next };
  if (request.cardParamMap !== undefined)
    card.cardParamMap = merge(card.cardParamMap, request.cardParamMap, options.updateCardDataByKey);
  for (const [userId, map] of Object.entries(request.privateData ?? {}))
    card.privateData[userId] = merge(card.privateData[userId] ?? {}, map, options.updatePrivateDataByKey);
  card.updates.push({ source, cardParamMap: request.cardParamMap, privateData: request.privateData, at });
}

function parseOpenSpaceId(openSpaceId: unknown): Space | string {
  const match = typeof openSpaceId === 'string' ? OPEN_SPACE_ID.exec(openSpaceId) : null;
  const [, spaceType, spaceId] = match ?? [];
  if ((spaceType !== 'IM_GROUP' && spaceType !== 'IM_ROBOT') || spaceId === undefined)
    return 'openSpaceId must be dtv1.card//IM_GROUP.<conversationId> or dtv1.card//IM_ROBOT.<userId>';
  if (spaceType === 'IM_GROUP' && !spaceId.startsWith('cid'))
    return 'an IM_GROUP openSpaceId names a group conversationId (cid…)';
  return { spaceType, spaceId };
}

function callbackProblem(callbackType: unknown, callbackRouteKey: unknown): string | undefined {
  if (callbackType === undefined || callbackType === 'STREAM') return undefined;
  if (callbackType !== 'HTTP') return 'callbackType must be STREAM or HTTP';
  return typeof callbackRouteKey === 'string' ? undefined : 'callbackType HTTP needs a callbackRouteKey';
}

/** §5.4: every cardParamMap value is a string; objects, arrays and numbers must be JSON-stringified. */
function paramMapProblem(where: string, map: unknown): string | undefined {
  if (!isRecord(map)) return `${where} must be an object`;
  const offending = Object.entries(map)
    .filter(([, value]) => typeof value !== 'string')
    .map(([key]) => key);
  return offending.length === 0
    ? undefined
    : `${where} values must be strings (JSON-stringify them): ${offending.join(', ')}`;
}

function privateDataProblem(privateData: unknown): string | undefined {
  if (privateData === undefined) return undefined;
  if (!isRecord(privateData)) return 'privateData must map userId to {cardParamMap}';
  for (const [userId, entry] of Object.entries(privateData)) {
    const problem = paramMapProblem(
      `privateData.${userId}.cardParamMap`,
      isRecord(entry) ? entry.cardParamMap : undefined,
    );
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function unwrapPrivateData(privateData: unknown): Record<string, CardParamMap> | undefined {
  if (!isRecord(privateData)) return undefined;
  return Object.fromEntries(
    Object.entries(privateData).map(([userId, entry]) => [
      userId,
      (entry as { cardParamMap: CardParamMap }).cardParamMap,
    ]),
  );
}
