import { isRecord } from './http-kit.js';

/** §5.2: msgParam is a JSON string of at most 15,000 bytes. */
export const MAX_MSG_PARAM_BYTES = 15_000;

function actionCardFields(buttons: number): string[] {
  const fields = ['title', 'text'];
  for (let i = 1; i <= buttons; i += 1) fields.push(`actionTitle${i}`, `actionURL${i}`);
  return fields;
}

/**
 * §5.2 msgKey catalogue with the msgParam fields that must be present. Audio, file and video
 * field names are UNCONFIRMED in the brief, so their params are accepted unchecked.
 */
const REQUIRED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  sampleText: ['content'],
  sampleMarkdown: ['title', 'text'],
  sampleImageMsg: ['photoURL'],
  sampleLink: ['text', 'title', 'picUrl', 'messageUrl'],
  sampleActionCard: ['title', 'text', 'singleTitle', 'singleURL'],
  sampleActionCard2: actionCardFields(2),
  sampleActionCard3: actionCardFields(3),
  sampleActionCard4: actionCardFields(4),
  sampleActionCard5: actionCardFields(5),
  sampleActionCard6: actionCardFields(2), // two horizontal buttons, same keys as ActionCard2
  sampleAudio: [],
  sampleFile: [],
  sampleVideo: [],
};

export type MsgParamCheck = { ok: true; msgParam: Record<string, unknown> } | { ok: false; problem: string };

export function checkMessage(msgKey: unknown, msgParam: unknown): MsgParamCheck {
  if (typeof msgKey !== 'string' || !Object.hasOwn(REQUIRED_FIELDS, msgKey))
    return { ok: false, problem: `msgKey ${JSON.stringify(msgKey)} is not in the catalogue` };
  if (typeof msgParam !== 'string') return { ok: false, problem: 'msgParam must be a JSON string' };
  if (Buffer.byteLength(msgParam, 'utf8') > MAX_MSG_PARAM_BYTES)
    return { ok: false, problem: `msgParam is over ${MAX_MSG_PARAM_BYTES} bytes` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(msgParam);
  } catch {
    return { ok: false, problem: 'msgParam is not valid JSON' };
  }
  if (!isRecord(parsed)) return { ok: false, problem: 'msgParam must encode a JSON object' };
  const missing = (REQUIRED_FIELDS[msgKey] ?? []).filter(
    (f) => typeof parsed[f] !== 'string' || parsed[f] === '',
  );
  if (missing.length > 0) return { ok: false, problem: `msgParam of ${msgKey} lacks ${missing.join(', ')}` };
  return { ok: true, msgParam: parsed };
}

/** §5.3: what a session webhook accepts; actionCard/link/feedCard are UNCONFIRMED and let through. */
export function checkSessionMessage(body: unknown): string | undefined {
  if (!isRecord(body)) return 'body must be a JSON object';
  const { msgtype } = body;
  const hasStrings = (part: unknown, fields: string[]): boolean =>
    isRecord(part) && fields.every((f) => typeof part[f] === 'string');
  switch (msgtype) {
    case 'text':
      return hasStrings(body.text, ['content']) ? undefined : 'text.content is required';
    case 'markdown':
      return hasStrings(body.markdown, ['title', 'text'])
        ? undefined
        : 'markdown.title and markdown.text are required';
    case 'actionCard':
    case 'link':
    case 'feedCard':
      return undefined;
    default:
      return `msgtype ${JSON.stringify(msgtype)} is not supported`;
  }
}
