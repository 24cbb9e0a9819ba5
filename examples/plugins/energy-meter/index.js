/**
 * 电表抄表 — an example shopfloor-bot plugin. factory.yaml names it:
 *
 *   plugins:
 *     - ./examples/plugins/energy-meter/index.js
 *
 * The bot imports this module at start and calls its default export with the host (what the
 * core hands plugins: defineEntity, Migration, defineJob, subscribe, RefusedError, …). It
 * imports nothing from the bot's src/, so it runs as it is under `npm start` and `npm run chat`.
 */
import { energyMetersConfig } from './config.js';
import { digestSection } from './digest-section.js';
import { meterReadingEntity } from './meter-reading.entity.js';
import { energyMeterMigrations } from './migrations.js';
import { readMeterCommand } from './read-meter.command.js';
import { reminderJob } from './reminder.job.js';

/** @param {Record<string, any>} host the plugin host (README: Write a plugin) */
export default function energyMeterPlugin(host) {
  const Reading = meterReadingEntity(host);
  return host.defineCapability({
    name: 'energy-meter',
    entities: [Reading],
    migrations: energyMeterMigrations(host),
    config: energyMetersConfig,
    chat: { commands: [readMeterCommand(host, Reading)] },
    jobs: (services) => [reminderJob(host, Reading, services)],
    events: { subscribers: [digestSection(host, Reading)] },
  });
}
