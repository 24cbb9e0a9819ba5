import { Ajv, type ValidateFunction } from 'ajv';

/**
 * The hard limits of protocols/wecom.md §7 as a JSON Schema. A card that breaks them is a
 * programming error: it fails the test that renders it, instead of a 4xx in production.
 */
const key = { type: 'string', minLength: 1, maxLength: 1024 } as const;
const optionId = { type: 'string', minLength: 1, maxLength: 128 } as const;
const option = {
  type: 'object',
  required: ['id', 'text'],
  properties: { id: optionId, text: { type: 'string', minLength: 1 } },
} as const;

const common = {
  task_id: { type: 'string', pattern: '^[0-9A-Za-z_\\-@]{1,128}$' },
  source: { type: 'object' },
  main_title: {
    type: 'object',
    required: ['title'],
    properties: { title: { type: 'string', minLength: 1 }, desc: { type: 'string' } },
  },
  sub_title_text: { type: 'string' },
  horizontal_content_list: {
    type: 'array',
    maxItems: 6,
    items: {
      type: 'object',
      required: ['keyname'],
      properties: { keyname: { type: 'string', minLength: 1 }, value: { type: 'string' } },
    },
  },
} as const;

export const templateCardSchema = {
  type: 'object',
  required: ['card_type', 'task_id', 'main_title'],
  properties: { card_type: { enum: ['text_notice', 'button_interaction', 'multiple_interaction'] } },
  allOf: [
    {
      if: { properties: { card_type: { const: 'button_interaction' } } },
      then: {
        required: ['button_list'],
        properties: {
          ...common,
          button_list: {
            type: 'array',
            minItems: 1,
            maxItems: 6,
            items: {
              type: 'object',
              required: ['type', 'text', 'key'],
              properties: {
                type: { const: 0 },
                text: { type: 'string', minLength: 1 },
                style: { enum: [1, 2, 3, 4] },
                key,
              },
            },
          },
        },
      },
    },
    {
      if: { properties: { card_type: { const: 'multiple_interaction' } } },
      then: {
        required: ['select_list', 'submit_button'],
        properties: {
          ...common,
          select_list: {
            type: 'array',
            minItems: 1,
            maxItems: 3,
            items: {
              type: 'object',
              required: ['question_key', 'option_list'],
              properties: {
                question_key: key,
                title: { type: 'string' },
                option_list: { type: 'array', minItems: 1, maxItems: 10, items: option },
              },
            },
          },
          submit_button: {
            type: 'object',
            required: ['text', 'key'],
            properties: { text: { type: 'string' }, key },
          },
        },
      },
    },
    {
      if: { properties: { card_type: { const: 'text_notice' } } },
      then: {
        required: ['card_action'],
        properties: {
          ...common,
          card_action: {
            type: 'object',
            required: ['type'],
            properties: { type: { enum: [1, 2] }, url: { type: 'string', minLength: 1 } },
          },
        },
      },
    },
  ],
} as const;

/** Compiled when the first card is sent: a factory on DingTalk alone never needs it. */
let validator: ValidateFunction | undefined;

export class InvalidTemplateCardError extends Error {
  constructor(readonly problems: string[]) {
    super(`template_card breaks WeCom's limits: ${problems.join('; ')}`);
    this.name = 'InvalidTemplateCardError';
  }
}

export function assertValidTemplateCard(card: unknown): void {
  const validate = (validator ??= new Ajv({ allErrors: true, strict: false }).compile(templateCardSchema));
  if (validate(card)) return;
  throw new InvalidTemplateCardError(
    (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`),
  );
}
