import type { FetchedMedia } from '../../chat/channel.js';
import type { MediaRef } from '../../chat/inbound-event.js';
import { downloadLimited } from '../shared/media-download.js';
import type { DingtalkApi } from './api-client.js';

/**
 * A picture's `downloadCode` exchanged for a temporary url with the robot messageFiles API, then
 * a plain GET of it (dingtalk-media.md §6, CONFIRMED). How long either lives is UNCONFIRMED
 * ("临时"): a code DingTalk refuses, or a url that answers 4xx, is read as expired.
 */
export async function downloadRobotMedia(
  api: DingtalkApi,
  robotCode: string,
  ref: MediaRef,
  maxBytes: number,
): Promise<FetchedMedia> {
  const outcome = await api.call({
    host: 'api',
    method: 'POST',
    path: '/v1.0/robot/messageFiles/download',
    json: { downloadCode: ref.mediaId, robotCode },
    metered: true,
  });
  if (outcome.kind === 'refused') return { ok: false, reason: 'expired', error: outcome.error };
  if (outcome.kind !== 'ok') return { ok: false, reason: 'unavailable', error: outcome.error };
  const url = outcome.body.downloadUrl;
  if (typeof url !== 'string')
    return { ok: false, reason: 'unavailable', error: 'messageFiles/download answered without downloadUrl' };
  const download = await downloadLimited(url, maxBytes);
  if ('ok' in download) return download;
  if (download.kind === 'bytes') return { ok: true, bytes: download.bytes };
  const error = `DingTalk file url HTTP ${download.status}: ${download.text.slice(0, 200)}`;
  return download.status >= 400 && download.status < 500
    ? { ok: false, reason: 'expired', error }
    : { ok: false, reason: 'unavailable', error };
}
