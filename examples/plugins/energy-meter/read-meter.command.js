import { MAX_CODE_LENGTH, meterNamed } from './config.js';
import { messages as m } from './messages.js';
import { lastReading, recordReading } from './readings.js';

/** A reading as people type it: digits with at most one decimal point, nothing else. */
const READING = /^\d{1,9}(\.\d{1,3})?$/;

/**
 * 电表 <编号> <读数>: the reading of one meter. Refused (nothing stored) when the meter is not
 * in factory.yaml, the number is not one, or it is lower than the meter's last reading.
 * @param {Record<string, any>} host the plugin host (README: Write a plugin)
 * @param {any} Reading the plugin's entity
 */
export function readMeterCommand({ RefusedError }, Reading) {
  return {
    name: '电表',
    aliases: ['meter', '抄表'],
    roles: ['worker', 'team_lead', 'maintenance', 'supervisor'],
    help: m.help,
    args: [
      { name: 'code', label: '编号', kind: 'word' },
      { name: 'reading', label: '读数', kind: 'word' },
    ],
    /** @param {any} ctx @param {{ code: string, reading: string }} args */
    async run(ctx, args) {
      const code = String(args.code);
      const text = String(args.reading);
      if (code.length > MAX_CODE_LENGTH)
        throw new RefusedError('meter_code_too_long', m.codeTooLong(MAX_CODE_LENGTH));
      const meter = meterNamed(ctx.config, code);
      if (!meter)
        throw new RefusedError(
          'unknown_meter',
          m.unknownMeter(
            code,
            ctx.config.energyMeters.meters.map((x) => x.code),
          ),
        );
      if (!READING.test(text)) throw new RefusedError('reading_not_a_number', m.notANumber(text));
      const reading = Number(text);
      const last = await lastReading(ctx.em, Reading, meter.code);
      if (last && reading < last.reading)
        throw new RefusedError(
          'reading_went_down',
          m.lowerThanLast(meter.code, reading, last.reading, localTime(last.readAt, ctx.tz)),
        );
      const input = { code: meter.code, reading, personId: ctx.person.id, at: ctx.clock.now() };
      const used = await recordReading(ctx.em, Reading, input, last);
      ctx.reply(m.recorded(meter.code, meter.name, reading, used));
    },
  };
}

/** `11-30 08:05` in the factory's time zone. */
function localTime(at, tz) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: tz,
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}
