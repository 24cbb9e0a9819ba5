import { messages as m } from './messages.js';
import { unreadMeters } from './readings.js';

export const REMINDER_JOB = 'energy-meter:reminder';

/**
 * Every day at energyMeters.remindAt: the maintenance people are told which meters nobody has
 * read yet in the current production day. Nothing is sent when every meter has been read.
 * @param {Record<string, any>} host the plugin host (README: Write a plugin)
 * @param {any} Reading the plugin's entity
 * @param {any} services the app's services (orm, clock, outbox, config, tz, logger, events)
 */
export function reminderJob({ defineJob, unitOf, peopleWithRole, productionDayAt }, Reading, services) {
  return defineJob({
    name: REMINDER_JOB,
    recurring: { dailyAt: services.config.energyMeters.remindAt },
    async run() {
      const unit = unitOf(services);
      const { day, start, end } = productionDayAt(unit, unit.clock.now());
      const unread = await unreadMeters(unit.em, Reading, unit.config.energyMeters.meters, start, end);
      if (unread.length === 0) return;
      const text = m.reminder(unread.map((meter) => `${meter.code}（${meter.name}）`));
      await unit.em.transactional(async (tx) => {
        for (const person of await peopleWithRole(tx, 'maintenance'))
          await unit.outbox.enqueue(tx, { kind: 'person', personId: person.id }, { kind: 'text', text });
      });
      unit.logger.info({ day, unread: unread.map((meter) => meter.code) }, 'energy meter reminder queued');
    },
  });
}
