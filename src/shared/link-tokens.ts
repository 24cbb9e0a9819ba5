/**
 * Link tokens (`/p/<token>` for a partner's page, `?token=` for the board) are bearer secrets:
 * whoever reads one can act as the partner until it expires. Logs and stored chat replies keep
 * the shape of the link with the token replaced by this marker.
 */
export const REDACTED_TOKEN = '[redacted]';

const LINK_TOKEN = /(\/p\/|[?&]token=)[A-Za-z0-9_-]+/g;

export function redactLinkTokens(text: string): string {
  return text.replace(LINK_TOKEN, `$1${REDACTED_TOKEN}`);
}
