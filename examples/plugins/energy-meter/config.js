/**
 * factory.yaml `energyMeters:` — the meters people read, and when the reminder goes out.
 *
 *   energyMeters:
 *     meters:
 *       - { code: M1, name: 一车间 }
 *     remindAt: '16:30'
 */

export const MAX_CODE_LENGTH = 16;

/** @typedef {{ code: string, name: string }} Meter */
/** @typedef {{ meters: Meter[], remindAt: string }} EnergyMetersConfig */

/** @type {EnergyMetersConfig} */
const defaults = { meters: [], remindAt: '16:30' };

export const energyMetersConfig = {
  sections: {
    energyMeters: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          meters: {
            type: 'array',
            maxItems: 200,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['code', 'name'],
              properties: {
                code: { type: 'string', pattern: `^[A-Za-z0-9-]{1,${MAX_CODE_LENGTH}}$` },
                name: { type: 'string', minLength: 1, maxLength: 40 },
              },
            },
          },
          remindAt: { type: 'string', format: 'hhmm' },
        },
      },
      defaults,
    },
  },
  /** @param {{ energyMeters: EnergyMetersConfig }} config */
  problems(config) {
    const seen = new Set();
    return config.energyMeters.meters.flatMap((meter, i) => {
      const code = meter.code.toUpperCase();
      if (seen.has(code)) return [`energyMeters.meters[${i}].code: "${meter.code}" is listed twice`];
      seen.add(code);
      return [];
    });
  },
};

/**
 * The meter a person named, whatever the case they typed it in.
 * @param {{ energyMeters: EnergyMetersConfig }} config
 * @param {string} code
 * @returns {Meter | undefined}
 */
export function meterNamed(config, code) {
  return config.energyMeters.meters.find((m) => m.code.toUpperCase() === code.toUpperCase());
}
