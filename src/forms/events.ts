import type { FormSubmission } from './form-submission.entity.js';

declare module '../events/domain-events.js' {
  interface DomainEvents {
    /** A form was filled in (chat or API); `alarms` are the labels of the fields that alarmed. */
    'forms.submitted': { submission: FormSubmission; formName: string; alarms: readonly string[] };
  }
}

export const formEvents = ['forms.submitted'] as const;
