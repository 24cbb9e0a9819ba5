import { defineRoute } from '../http/api/api-route.js';
import { hoursOfMinutes, recordHours, type HoursReading } from './hours-service.js';
import { scanMaintenance } from './maintenance/maintenance-scan.js';

const hoursBody = {
  description: 'Either the absolute counter (`hours`) or the hours run since the last reading (`increment`).',
  oneOf: [
    {
      type: 'object',
      additionalProperties: false,
      required: ['hours'],
      properties: { hours: { type: 'number', minimum: 0, maximum: 10_000_000 } },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['increment'],
      properties: { increment: { type: 'number', exclusiveMinimum: 0, maximum: 10_000 } },
    },
  ],
};

/**
 * A gateway (PLC counter, hour meter) reports a machine's running hours. Maintenance that
 * comes due with the new counter is created as soon as the reading is committed.
 */
export const equipmentHoursRoute = defineRoute<HoursReading>({
  method: 'post',
  path: '/equipment/:code/hours',
  scope: 'equipment:write',
  tag: 'equipment',
  summary:
    'Report a machine’s running hours (absolute counter or increment); a counter going backwards is refused',
  body: hoursBody,
  response: {
    type: 'object',
    properties: {
      code: { type: 'string' },
      runningHours: {
        type: 'number',
        description: 'The counter after this reading, in hours to two decimals',
      },
      status: { type: 'string' },
    },
  },
  async handle({ body, params, em, services }) {
    const equipment = await recordHours(em, (params.code ?? '').toUpperCase(), body);
    return {
      body: {
        code: equipment.code,
        runningHours: hoursOfMinutes(equipment.runningMinutes),
        status: equipment.status,
      },
      afterCommit: async () => {
        await scanMaintenance({ ...services, em: services.orm.em.fork() }, equipment.code);
      },
    };
  },
});

export const equipmentApiRoutes = [equipmentHoursRoute];
