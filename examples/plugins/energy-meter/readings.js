/**
 * Readings of the meters: the one place that writes and reads the plugin's table.
 * `em` is a MikroORM EntityManager (a command's `ctx.em`, or a job's unit of work).
 */

/** Kilowatt-hours to two decimals: readings are typed by hand with at most a decimal or two. */
const kwh = (value) => Math.round(value * 100) / 100;

/**
 * The latest reading of `code` before `before` (or ever), or null.
 * @param {any} em @param {any} Reading @param {string} code @param {Date} [before]
 */
export async function lastReading(em, Reading, code, before) {
  const where = before ? { meterCode: code, readAt: { $lt: before } } : { meterCode: code };
  return em.findOne(Reading, where, { orderBy: { readAt: 'desc', id: 'desc' } });
}

/**
 * Stores a reading; returns how much was used since the last one (undefined for the first).
 * The caller has checked that it is not lower than the last one.
 * @param {any} em @param {any} Reading
 * @param {{ code: string, reading: number, personId: string, at: Date }} input
 * @param {{ reading: number } | null} last
 */
export async function recordReading(em, Reading, input, last) {
  em.create(Reading, {
    meterCode: input.code,
    reading: input.reading,
    readBy: input.personId,
    readAt: input.at,
  });
  await em.flush();
  return last ? kwh(input.reading - last.reading) : undefined;
}

/**
 * What `code` used in [start, end): its last reading in the span minus the last one before it
 * (or, for a meter first read in the span, its first one there). Undefined without two readings.
 * @param {any} em @param {any} Reading @param {string} code @param {Date} start @param {Date} end
 */
export async function consumption(em, Reading, code, start, end) {
  const last = await lastReading(em, Reading, code, end);
  if (!last || last.readAt < start) return undefined;
  const before =
    (await lastReading(em, Reading, code, start)) ??
    (await em.findOne(
      Reading,
      { meterCode: code, readAt: { $gte: start, $lt: end } },
      { orderBy: { readAt: 'asc', id: 'asc' } },
    ));
  return before && before.id !== last.id ? kwh(last.reading - before.reading) : undefined;
}

/**
 * The configured meters that have no reading in [start, end).
 * @param {any} em @param {any} Reading @param {{ code: string, name: string }[]} meters @param {Date} start @param {Date} end
 */
export async function unreadMeters(em, Reading, meters, start, end) {
  const read = await em.find(Reading, { readAt: { $gte: start, $lt: end } }, { fields: ['meterCode'] });
  const codes = new Set(read.map((r) => r.meterCode));
  return meters.filter((m) => !codes.has(m.code));
}
