/**
 * One reading of one meter: who read it and when. A reading never goes down (the command
 * refuses it), so a day's consumption is the difference of two readings.
 * @param {Record<string, any>} host the plugin host (README: Write a plugin)
 */
export function meterReadingEntity({ defineEntity, p }) {
  return defineEntity({
    name: 'EnergyMeterReading',
    tableName: 'energy_meter_readings',
    indexes: [{ properties: ['meterCode', 'readAt'] }],
    properties: {
      id: p.integer().primary().autoincrement(),
      meterCode: p.string().length(16),
      reading: p.double().$type().runtimeType('number'),
      /** The person's id from factory.yaml `people:` (no foreign key: the plugin owns only its table). */
      readBy: p.string().length(64),
      readAt: p.datetime(3),
    },
  });
}
