import { createHash, randomBytes } from 'node:crypto';

/** A new unguessable token for a link; hand it out once and keep only its hash. */
export const newSecretToken = (): string => randomBytes(24).toString('base64url');

/** What is stored for a token: a table of these cannot be turned back into working links. */
export const hashSecretToken = (token: string): string => createHash('sha256').update(token).digest('hex');
