import type { CapabilityConfig } from '../capabilities/capability.js';

/** Printed job tickets and lot labels. */
export interface TicketsConfig {
  /**
   * A TrueType/OpenType font with Chinese glyphs for the PDFs (a .ttc collection names its face
   * after `#`); `null` looks for the usual system fonts (WenQuanYi, Noto CJK).
   */
  fontFile: string | null;
  /** How long a print link sent in chat works. */
  linkHours: number;
}

declare module '../config/factory-config.js' {
  interface FactoryConfig {
    tickets: TicketsConfig;
  }
}

/** factory.yaml `tickets:`. */
export const ticketsConfig: CapabilityConfig = {
  sections: {
    tickets: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          fontFile: { type: ['string', 'null'], minLength: 1, maxLength: 500 },
          linkHours: { type: 'integer', minimum: 1, maximum: 720 },
        },
      },
      defaults: { fontFile: null, linkHours: 24 } satisfies TicketsConfig,
    },
  },
};
