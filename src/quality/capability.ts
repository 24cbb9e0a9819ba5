import { defineCapability } from '../capabilities/capability.js';
import { reportParametersRoute, traceRoute } from './api.js';
import { traceCommand } from './commands/trace-command.js';
import { qualityConfig } from './config.js';
import { seedComplaintStory } from './demo.js';
import { qualityEvents } from './events.js';
import { inspectionEvents } from './inspections/events.js';
import { finalInspectionCommand } from './inspections/final-inspection-command.js';
import { firstArticleCommand } from './inspections/first-article-command.js';
import { firstArticleHold } from './inspections/first-article-hold.js';
import { getInspectionRoute, listInspectionsRoute } from './inspections/inspection-routes.js';
import { Inspection } from './inspections/inspection.entity.js';
import { outsourcedRejects } from './inspections/outsourced-rejects.js';
import { reworkDoneCommand } from './inspections/rework-command.js';
import { ReworkTask } from './inspections/rework-task.entity.js';
import { askForParameters, parameterCommand } from './parameters/parameter-command.js';
import { ParameterReading } from './parameters/parameter-reading.entity.js';
import { patrolCommand } from './patrols/patrol-command.js';
import { PatrolReminder } from './patrols/patrol-reminder.entity.js';
import { patrolsJob } from './patrols/patrols.job.js';
import { scrapCardHandler, scrapDecisionCommand, scrapRequestCommand } from './scrap/scrap-commands.js';
import { outsourcedScrapHold, scrapHold } from './scrap/scrap-hold.js';
import { ScrapRequest } from './scrap/scrap-request.entity.js';
import { seedSerialisedFlanges } from './serials/demo.js';
import { Serial } from './serials/serial.entity.js';
import { tracePages } from './trace-page.js';

/**
 * Quality and traceability: the one-message trace (追溯, with a page to print), first-article holds, 巡检 and final
 * inspections, scrap approval and process parameters.
 */
export const qualityCapability = defineCapability({
  name: 'quality',
  config: qualityConfig,
  entities: [Inspection, ReworkTask, ScrapRequest, ParameterReading, PatrolReminder, Serial],
  events: {
    emits: [...qualityEvents, ...inspectionEvents],
    subscribers: [scrapHold, outsourcedScrapHold, firstArticleHold, askForParameters, outsourcedRejects],
  },
  chat: {
    commands: [
      traceCommand,
      firstArticleCommand,
      patrolCommand,
      finalInspectionCommand,
      reworkDoneCommand,
      scrapRequestCommand,
      scrapDecisionCommand,
      parameterCommand,
    ],
    cards: [scrapCardHandler],
  },
  jobs: (s) => [patrolsJob(s)],
  demo: {
    history: async (ctx) => {
      await seedComplaintStory(ctx);
      await seedSerialisedFlanges(ctx);
    },
  },
  api: {
    scopes: ['quality:read', 'quality:write'],
    routes: [traceRoute, reportParametersRoute, listInspectionsRoute, getInspectionRoute],
  },
  pages: tracePages,
});
