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

export const FILE_PATH = '/fake-files/robot-message';

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

  /** Pictures people sent the robot, by downloadCode; and the temporary urls handed out for them. */
  private readonly received = new Map<string, Buffer>();
  private readonly links = new Map<string, { bytes: Buffer; expiresAt: number }>();
  baseUrl = '';

  constructor(
    private readonly now: () => number,
    private readonly robotCode: string,
  ) {}

  /** §6: a picture message's `downloadCode`, for the messageFiles download API. */
  receive(bytes: Buffer): string {
    const code = randomKey('dlc', 24);
    this.received.set(code, bytes);
    return code;
  }

  /**
   * `POST /v1.0/robot/messageFiles/download` {downloadCode, robotCode} → {downloadUrl} (§6,
   * CONFIRMED). The url's lifetime is UNCONFIRMED ("临时"); the fake gives it an hour.
   */
  download = ({ body }: RouteRequest): ApiReply => {
    const request = body as { downloadCode?: unknown; robotCode?: unknown } | undefined;
    if (request?.robotCode !== this.robotCode) return recordedError('new', 'invalidParameter', 'robotCode');
    const bytes = this.received.get(String(request.downloadCode));
    if (bytes === undefined) return recordedError('new', 'invalidParameter', 'downloadCode is invalid');
    const key = randomKey('f', 20);
    this.links.set(key, { bytes, expiresAt: this.now() + 3_600_000 });
    return ok({ downloadUrl: `${this.baseUrl}${FILE_PATH}?key=${key}` });
  };

  /** The temporary url: a plain GET, no token. */
  file = ({ query }: RouteRequest): ApiReply => {
    const link = this.links.get(query.get('key') ?? '');
    if (link === undefined || link.expiresAt <= this.now())
      return { status: 403, body: 'expired', contentType: 'text/plain' };
    return { status: 200, body: link.bytes, contentType: 'image/jpeg' };
  };

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
