import { defineCapability } from '../capabilities/capability.js';
import { traceRoute } from './api.js';
import { traceCommand } from './commands/trace-command.js';
import { qualityConfig } from './config.js';
import { inspectionEvents } from './inspections/events.js';
import { finalInspectionCommand } from './inspections/final-inspection-command.js';
import { firstArticleCommand } from './inspections/first-article-command.js';
import { firstArticleHold } from './inspections/first-article-hold.js';
import { Inspection } from './inspections/inspection.entity.js';
import { reworkDoneCommand } from './inspections/rework-command.js';
import { ReworkTask } from './inspections/rework-task.entity.js';

/** Quality and traceability: the one-message trace (追溯), first-article holds and inspections. */
export const qualityCapability = defineCapability({
  name: 'quality',
  config: qualityConfig,
  entities: [Inspection, ReworkTask],
  events: { emits: inspectionEvents, subscribers: [firstArticleHold] },
  chat: { commands: [traceCommand, firstArticleCommand, finalInspectionCommand, reworkDoneCommand] },
  api: { scopes: ['quality:read'], routes: [traceRoute] },
});
