import type { CapabilityConfig } from '../capabilities/capability.js';
import type { FactoryConfig } from '../config/factory-config.js';

/** What a gateway message carries; each is read from the topic or the JSON payload (mapping). */
export const COUNT_FIELDS = ['equipment', 'device', 'seq', 'count', 'good', 'scrap', 'at'] as const;
export const WEIGHING_FIELDS = ['lot', 'order', 'weight', 'unit', 'device', 'seq', 'at'] as const;
export type CountField = (typeof COUNT_FIELDS)[number];
export type WeighingField = (typeof WEIGHING_FIELDS)[number];

/**
 * One subscription: an MQTT topic filter and where each field of the reading is found.
 * A source is `topic[N]` (the N-th level of the topic, from 0) or a dotted path into the JSON
 * payload (`data.sn`); a field left out is read from the payload field of its own name.
 */
export interface MqttTopicConfig {
  filter: string;
  kind: 'counts' | 'weighings';
  fields?: Partial<Record<CountField | WeighingField, string>>;
}

export interface MqttIngestConfig {
  /** The factory's existing broker: mqtt://, mqtts://, ws:// */
  url: string;
  /** Fixed, so the broker keeps the session (and what arrives while the bot is down); `shopfloor-bot` unless set. */
  clientId?: string;
  username?: string;
  password?: string;
  topics: MqttTopicConfig[];
}

/** factory.yaml `ingest:`: PLC counters and weighing scales feeding reports and material issues. */
export interface IngestConfig {
  /**
   * Who a gateway's record is booked to when no operator is known (a team's task, a weighing,
   * an exception); without it, the first supervisor by id.
   */
  person?: string;
  mqtt?: MqttIngestConfig;
}

declare module '../config/factory-config.js' {
  interface FactoryConfig {
    ingest: IngestConfig;
  }
}

const source = { type: 'string', minLength: 1, maxLength: 100 };

/** factory.yaml `ingest:`. */
export const ingestConfig: CapabilityConfig = {
  sections: {
    ingest: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          person: { type: 'string', minLength: 1, maxLength: 64 },
          mqtt: {
            type: 'object',
            additionalProperties: false,
            required: ['url', 'topics'],
            properties: {
              url: { type: 'string', pattern: '^(mqtts?|wss?|tcp|ssl)://', maxLength: 500 },
              clientId: { type: 'string', minLength: 1, maxLength: 64 },
              username: { type: 'string', maxLength: 200 },
              password: { type: 'string', maxLength: 200 },
              topics: {
                type: 'array',
                minItems: 1,
                maxItems: 50,
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['filter', 'kind'],
                  properties: {
                    filter: { type: 'string', minLength: 1, maxLength: 200 },
                    kind: { enum: ['counts', 'weighings'] },
                    fields: {
                      type: 'object',
                      additionalProperties: false,
                      properties: Object.fromEntries(
                        [...new Set([...COUNT_FIELDS, ...WEIGHING_FIELDS])].map((f) => [f, source]),
                      ),
                    },
                  },
                },
              },
            },
          },
        },
      },
      defaults: {} satisfies IngestConfig,
    },
  },
  problems(config: FactoryConfig): string[] {
    const problems: string[] = [];
    const { person, mqtt } = config.ingest;
    if (person !== undefined && !config.people.some((p) => p.id === person))
      problems.push(`ingest.person: no person "${person}" in people`);
    if (mqtt) {
      mqtt.topics.forEach((topic, i) => {
        const allowed: readonly string[] = topic.kind === 'counts' ? COUNT_FIELDS : WEIGHING_FIELDS;
        for (const field of Object.keys(topic.fields ?? {}))
          if (!allowed.includes(field))
            problems.push(`ingest.mqtt.topics[${i}].fields.${field}: not a field of ${topic.kind}`);
      });
    }
    return problems;
  },
};
