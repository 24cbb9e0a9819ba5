import { defineCapability } from '../capabilities/capability.js';
import { outsourcingConfig } from './config.js';
import { AccessLink } from './access-link.entity.js';
import { outsourcingApiRoutes } from './api.js';
import { seedOutsourcing } from './demo.js';
import { outsourcingEvents } from './events.js';
import { outsourcingFeature } from './feature.js';
import { OutsourcingInspection } from './inspection.entity.js';
import { outsourcingRemindersJob } from './jobs/reminders.job.js';
import { OutsourcingOrder } from './outsourcing-order.entity.js';
import { PartnerContact } from './partner-contact.entity.js';
import { Partner } from './partner.entity.js';
import { OutsourcingPhoto } from './photo.entity.js';
import { OutsourcingReminder } from './reminder.entity.js';
import { ReturnReceipt } from './return-receipt.entity.js';
import { OutsourcingStateChange } from './state-change.entity.js';
import { outsourcingPages } from './web/routes.js';

/** Work sent to partners (plating, heat treatment…): states, returns, QC, reminders, partner pages. */
export const outsourcingCapability = defineCapability({
  name: 'outsourcing',
  config: outsourcingConfig,
  entities: [
    Partner,
    PartnerContact,
    OutsourcingOrder,
    OutsourcingStateChange,
    ReturnReceipt,
    OutsourcingInspection,
    OutsourcingPhoto,
    OutsourcingReminder,
    AccessLink,
  ],
  events: { emits: outsourcingEvents },
  chat: outsourcingFeature,
  demo: { history: seedOutsourcing },
  jobs: (s) => [outsourcingRemindersJob(s)],
  api: { scopes: ['outsourcing:read', 'outsourcing:write'], routes: outsourcingApiRoutes },
  pages: outsourcingPages,
});
