import { defineCapability } from '../capabilities/capability.js';
import type { ApiRoute } from '../http/api/api-route.js';
import { FORMS_READ, FORMS_WRITE, formApiRoutes, formSubmissionsRoute } from './api.js';
import { completionCommand } from './commands/completion-command.js';
import { formCommand } from './commands/form-command.js';
import { questionCard } from './commands/question-card.js';
import { formRecordsCommand, formsCommand } from './commands/records-command.js';
import { formsConfig, formsOf } from './config.js';
import { formDemo } from './demo/seed-forms.js';
import { formDownloads } from './download-page.js';
import { formEvents } from './events.js';
import { FormSubmission } from './form-submission.entity.js';
import { formRemindersJob } from './jobs/reminders.job.js';

/**
 * Forms a factory declares in factory.yaml (设备点检, 交接班记录, 5S 检查…) without code: each
 * becomes a chat command with a dialog, reminders when it is due, a list, a sheet and API routes.
 */
export const formsCapability = defineCapability({
  name: 'forms',
  entities: [FormSubmission],
  config: formsConfig,
  events: { emits: formEvents },
  chat: { commands: [completionCommand, formsCommand, formRecordsCommand], cards: [questionCard] },
  // Rows outlive their form: a form removed from factory.yaml is still read here.
  api: { scopes: [FORMS_READ], routes: [formSubmissionsRoute] as Array<ApiRoute<never>> },
  jobs: (services) => [formRemindersJob(services)],
  pages: formDownloads,
  demo: formDemo,
  configured(config) {
    const forms = formsOf(config);
    if (forms.length === 0) return {};
    return {
      chat: { commands: forms.map(formCommand) },
      api: { scopes: [FORMS_READ, FORMS_WRITE], routes: forms.flatMap(formApiRoutes) },
    };
  },
});
