import { businessInstant } from '../shared/bounds/business-time.js';
import type { CountField, MqttTopicConfig, WeighingField } from './config.js';
import type { CountInput, WeighingInput } from './ingest-service.js';
import { splitCount } from './ingest-service.js';

/** Whether an MQTT topic matches a subscription filter (`+` one level, `#` the rest). */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length || (f[i] !== '+' && f[i] !== t[i])) return false;
  }
  return f.length === t.length;
}

/** A message that cannot be read as a reading; logged and acknowledged (it would never read better). */
export class UnreadableMessage extends Error {}

type Source = (field: CountField | WeighingField) => unknown;

function sourceOf(config: MqttTopicConfig, topic: string, payload: Buffer): Source {
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch {
    throw new UnreadableMessage('the payload is not JSON');
  }
  if (typeof json !== 'object' || json === null)
    throw new UnreadableMessage('the payload is not a JSON object');
  const levels = topic.split('/');
  return (field) => {
    const where = config.fields?.[field] ?? field;
    const level = /^topic\[(\d+)\]$/.exec(where);
    if (level) return levels[Number(level[1])];
    let value: unknown = json;
    for (const key of where.split('.')) {
      if (typeof value !== 'object' || value === null) return undefined;
      value = (value as Record<string, unknown>)[key];
    }
    return value;
  };
}

const text = (value: unknown, field: string, max: number): string => {
  const s = typeof value === 'number' ? String(value) : value;
  if (typeof s !== 'string' || s.length === 0 || s.length > max) throw new UnreadableMessage(`no ${field}`);
  return s;
};

const wholeNumber = (value: unknown, field: string, max = Number.MAX_SAFE_INTEGER): number => {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0 || n > max)
    throw new UnreadableMessage(`${field} is not a whole number from 0 to ${max}`);
  return n;
};

const optionalWhole = (value: unknown, field: string): number | undefined =>
  value === undefined || value === null ? undefined : wholeNumber(value, field, 1_000_000);

/** `at` as ISO 8601 text or epoch milliseconds; now when absent. */
function instant(value: unknown, now: Date): Date {
  if (value === undefined || value === null) return now;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Math.abs(value) > 8.64e15) throw new UnreadableMessage('at is not a time');
    return businessInstant('at', new Date(value).toISOString(), now);
  }
  if (typeof value !== 'string') throw new UnreadableMessage('at is not a time');
  return businessInstant('at', value, now);
}

/** Reads one broker message as the reading its topic's mapping describes. */
export function readingOf(
  config: MqttTopicConfig,
  topic: string,
  payload: Buffer,
  now: Date,
): CountInput | WeighingInput {
  const get = sourceOf(config, topic, payload);
  if (config.kind === 'counts') {
    const equipment = text(get('equipment'), 'equipment', 32).toUpperCase();
    const count = get('count');
    const split = splitCount(
      count === undefined || count === null ? undefined : wholeNumber(count, 'count', 1_000_000),
      optionalWhole(get('good'), 'good'),
      optionalWhole(get('scrap'), 'scrap'),
    );
    const device = get('device');
    return {
      equipment,
      device: device === undefined || device === null ? equipment : text(device, 'device', 64),
      seq: wholeNumber(get('seq'), 'seq'),
      ...split,
      at: instant(get('at'), now),
    };
  }
  const weight = get('weight');
  if (typeof weight !== 'number' || !(weight > 0) || weight > 1e9) throw new UnreadableMessage('no weight');
  const unit = get('unit');
  return {
    lot: text(get('lot'), 'lot', 64),
    order: text(get('order'), 'order', 32),
    weight: Math.round(weight * 1000) / 1000,
    ...(unit === undefined || unit === null ? {} : { unit: text(unit, 'unit', 16) }),
    device: text(get('device'), 'device', 64),
    seq: wholeNumber(get('seq'), 'seq'),
    at: instant(get('at'), now),
  };
}
