import type { CapabilityConfig } from '../capabilities/capability.js';

export interface BoardConfig {
  /**
   * Good pieces each line (team id) is to turn out in a production day. A line without one is
   * measured against the work lined up for it: what its open operations still needed this morning.
   */
  dailyTargets: Record<string, number>;
  /** How long a `大屏` link opens the board, in days. */
  linkDays: number;
}

declare module '../config/factory-config.js' {
  interface FactoryConfig {
    board: BoardConfig;
  }
}

/** factory.yaml `board:`. */
export const boardConfig: CapabilityConfig = {
  sections: {
    board: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          dailyTargets: {
            type: 'object',
            additionalProperties: { type: 'integer', minimum: 0, maximum: 10_000_000 },
          },
          linkDays: { type: 'integer', minimum: 1, maximum: 3650 },
        },
      },
      defaults: { dailyTargets: {}, linkDays: 365 } satisfies BoardConfig,
    },
  },
  problems(config) {
    const teams = new Set(config.teams.map((t) => t.id));
    return Object.keys(config.board.dailyTargets)
      .filter((id) => !teams.has(id))
      .map((id) => `board.dailyTargets.${id}: no team with id "${id}" in teams`);
  },
};
