import { messages as m } from './messages.js';
import { consumption } from './readings.js';

/**
 * The digest's "用电" section: what each meter used in the digest's production day. Added by
 * answering the digest's `digest.composing` event; absent while no meter is configured.
 * @param {Record<string, any>} host the plugin host (README: Write a plugin)
 * @param {any} Reading the plugin's entity
 */
export function digestSection({ subscribe }, Reading) {
  return subscribe({
    event: 'digest.composing',
    phase: 'in_transaction',
    async handle(request, unit) {
      const meters = unit.config.energyMeters.meters;
      if (meters.length === 0) return;
      const lines = [];
      for (const meter of meters) {
        const used = await consumption(unit.em, Reading, meter.code, request.start, request.end);
        lines.push(
          used === undefined
            ? m.notEnoughReadings(meter.code, meter.name)
            : m.consumption(meter.code, meter.name, used),
        );
      }
      request.add({ title: m.digestTitle, lines });
    },
  });
}
