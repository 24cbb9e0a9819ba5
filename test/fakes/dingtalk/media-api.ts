import {
  headerValue,
  ok,
  recordedAnswer,
  recordedError,
  type ApiReply,
  type RouteRequest,
} from './http-kit.js';
import { randomKey } from './payloads.js';
import type { MediaUploadRecord } from './types.js';

/** §5.2: media types of the old upload API. */
const MEDIA_TYPES = ['image', 'voice', 'file', 'video'];

interface FormPart {
  name: string;
  fileName: string | undefined;
  data: Buffer;
}

/** `POST /media/upload?access_token=…` (old API, §5.2): form field `type`, file field `media` → `{media_id}`. */
export class MediaApi {
  readonly uploads: MediaUploadRecord[] = [];

  constructor(private readonly now: () => number) {}

  upload = ({ query, headers, body }: RouteRequest): ApiReply => {
    const parts = Buffer.isBuffer(body)
      ? parseMultipart(body, headerValue(headers, 'content-type'))
      : undefined;
    if (parts === undefined)
      return recordedError('old', 'invalidParameter', 'multipart/form-data body required');
    const type = query.get('type') ?? parts.find((p) => p.name === 'type')?.data.toString('utf8');
    const media = parts.find((p) => p.name === 'media');
    // UNCONFIRMED errcodes: 40035 is the usual "invalid parameter" answer of the old API.
    if (type === undefined || !MEDIA_TYPES.includes(type))
      return recordedError('old', 'invalidParameter', 'type must be image/voice/file/video');
    if (media === undefined) return recordedError('old', 'invalidParameter', 'media file is required');
    const at = this.now();
    const mediaId = randomKey('@lA', 18);
    this.uploads.push({ mediaId, type, fileName: media.fileName, size: media.data.length, at });
    return ok({ ...recordedAnswer('media-upload'), type, media_id: mediaId, created_at: at });
  };
}

function parseMultipart(body: Buffer, contentType: string | undefined): FormPart[] | undefined {
  if (!contentType?.startsWith('multipart/form-data')) return undefined;
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (boundary === undefined) return undefined;
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    // Each part sits between "<delimiter>\r\n" and "\r\n<next delimiter>".
    const part = parsePart(body.subarray(start + delimiter.length + 2, next - 2));
    if (part !== undefined) parts.push(part);
    start = next;
  }
  return parts;
}

function parsePart(chunk: Buffer): FormPart | undefined {
  const headerEnd = chunk.indexOf('\r\n\r\n');
  if (headerEnd === -1) return undefined;
  const head = chunk.subarray(0, headerEnd).toString('utf8');
  const name = /(?:^|;\s*)name="([^"]*)"/im.exec(head)?.[1];
  if (name === undefined) return undefined;
  return { name, fileName: /filename="([^"]*)"/i.exec(head)?.[1], data: chunk.subarray(headerEnd + 4) };
}
