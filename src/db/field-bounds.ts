import { JsonType, type EntityProperty, type EventSubscriber, type FlushEventArgs } from '@mikro-orm/core';
import { OutOfBoundsError } from '../shared/bounds/bounds-error.js';
import { charCount, isInt32, jsonDepthExceeds, longerThan } from '../shared/bounds/checks.js';
import {
  MAX_JSON_DEPTH,
  MAX_TEXT_CHARS,
  STORABLE_FROM,
  STORABLE_UNTIL,
  TEXT_BYTES,
} from '../shared/bounds/limits.js';

/**
 * The last line before SQL: every inserted or updated value is held to its column as the entity
 * declares it (VARCHAR length, INT range, DATETIME range, JSON depth). MariaDB would otherwise
 * answer with an error that becomes a 500, and SQLite would store it silently; here either way
 * it is a refusal naming the field, and the transaction rolls back. Edges (API schemas, callback
 * mapping) check earlier with friendlier limits; this catches whatever they do not know about.
 */
export class FieldBounds implements EventSubscriber {
  onFlush({ uow }: FlushEventArgs): void {
    for (const changeSet of uow.getChangeSets()) {
      for (const [name, value] of Object.entries(changeSet.payload as Record<string, unknown>)) {
        const prop = changeSet.meta.properties[name];
        if (prop && prop.kind === 'scalar' && value !== null && value !== undefined) check(prop, value);
      }
    }
  }
}

function check(prop: EntityProperty, value: unknown): void {
  if (typeof value === 'string' && !fitsColumn(prop, value)) {
    const max = prop.type === 'text' ? MAX_TEXT_CHARS : varcharLength(prop);
    throw OutOfBoundsError.tooLong(prop.name, max, charCount(value));
  }
  if (typeof value === 'number' && prop.type === 'integer' && !isInt32(value))
    throw OutOfBoundsError.outOfRange(prop.name, { value });
  if (typeof value === 'number' && !Number.isFinite(value)) throw OutOfBoundsError.outOfRange(prop.name);
  if (value instanceof Date && !storable(value)) throw OutOfBoundsError.badTime(prop.name);
  if (prop.customType instanceof JsonType && jsonDepthExceeds(value, MAX_JSON_DEPTH))
    throw OutOfBoundsError.tooDeep(prop.name, MAX_JSON_DEPTH);
}

function fitsColumn(prop: EntityProperty, value: string): boolean {
  if (prop.runtimeType !== 'string') return true;
  // TEXT holds bytes, not characters; only text past them is refused (and told the all-Chinese limit).
  if (prop.type === 'text') return value.length <= MAX_TEXT_CHARS || Buffer.byteLength(value) <= TEXT_BYTES;
  return !longerThan(value, varcharLength(prop));
}

/** MikroORM's VARCHAR without a declared length is 255. */
function varcharLength(prop: EntityProperty): number {
  return typeof prop.length === 'number' ? prop.length : 255;
}

function storable(at: Date): boolean {
  const t = at.getTime();
  return !Number.isNaN(t) && t >= STORABLE_FROM.getTime() && t <= STORABLE_UNTIL.getTime();
}
