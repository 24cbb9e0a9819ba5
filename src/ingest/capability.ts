import { defineCapability } from '../capabilities/capability.js';
import { ingestApiRoutes } from './api.js';
import { ingestConfig } from './config.js';
import { GatewayReading } from './gateway-reading.entity.js';
import { mqttIngestConnections } from './mqtt-ingest.js';

/** Gateway ingest: PLC counters and weighing scales, over HTTP and from the factory's MQTT broker. */
export const ingestCapability = defineCapability({
  name: 'ingest',
  entities: [GatewayReading],
  config: ingestConfig,
  api: { scopes: ['ingest:write'], routes: ingestApiRoutes },
  connections: mqttIngestConnections,
});
