/**
 * The bounds every input is held to before it reaches the database. Column lengths are not
 * repeated here: they live on the entities and are read from there (see db/field-bounds.ts).
 */

/** A signed 32-bit INT column, which every `p.integer()` is in MariaDB. */
export const INT32_MIN = -2_147_483_648;
export const INT32_MAX = 2_147_483_647;

/** Pieces in one order, batch or report: far above any real batch, far below INT. */
export const MAX_QUANTITY = 1_000_000;

/** MariaDB refuses JSON deeper than 100; nothing we store needs more than a few levels. */
export const MAX_JSON_DEPTH = 32;

/** A TEXT column holds 65,535 bytes: 16,000 characters of anything fit, four bytes each in utf8mb4. */
export const TEXT_BYTES = 65_535;
export const MAX_TEXT_CHARS = 16_000;

/** MariaDB's DATETIME range; a time outside it cannot be stored at all. */
export const STORABLE_FROM = new Date('1000-01-01T00:00:00Z');
export const STORABLE_UNTIL = new Date('9999-12-31T23:59:59Z');

/** Business dates (due, expected back): not before 2000 nor more than five years ahead. */
export const BUSINESS_DATES_FROM = new Date('2000-01-01T00:00:00Z');
export const BUSINESS_YEARS_AHEAD = 5;

/** An id in a URL path (`/partners/:code`) longer than any id column is refused up front. */
export const MAX_PATH_ID = 64;

/** Platform ids, from protocols/wecom.md: userid and task_id ≤ 128 bytes, button key ≤ 1024. */
export const MAX_SENDER_ID = 128;
export const MAX_MESSAGE_ID = 191;
export const MAX_CARD_TASK_ID = 128;
export const MAX_EVENT_KEY = 1024;
