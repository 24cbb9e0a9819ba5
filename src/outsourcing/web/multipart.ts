import type { Context } from 'koa';
import { AppError } from '../../shared/errors.js';

/**
 * Reads a multipart/form-data body with a size cap and parses it with the platform's own
 * parser (the Fetch API's `formData()`, part of Node), so no upload library is needed for
 * one small form. The body parser of the app leaves multipart bodies untouched.
 */
export async function readMultipart(ctx: Context, maxBytes: number): Promise<FormData> {
  const type = ctx.get('content-type');
  if (!type.startsWith('multipart/form-data')) {
    throw new AppError('bad_request', 'Expected multipart/form-data.', { status: 415 });
  }
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > maxBytes)
    throw new AppError('payload_too_large', 'The upload is too large.', { status: 413 });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new AppError('payload_too_large', 'The upload is too large.', { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return new Response(Buffer.concat(chunks), { headers: { 'content-type': type } }).formData();
}
