import type { FieldType } from './expression.js';

/**
 * What can earn points, and the fields a rule's condition may read on each. The field lists are
 * the contract with factory.yaml: a condition naming anything else stops start-up.
 */
export interface TriggerSpec {
  fields: Readonly<Record<string, FieldType>>;
}

export const TRIGGERS = {
  /** A 报工, once per report (corrections that reverse a report earn nothing). */
  work_report: {
    fields: {
      good: 'number',
      scrap: 'number',
      /** good + scrap */
      quantity: 'number',
      /** Working minutes the report covers. */
      minutes: 'number',
      /** Minutes from the report to the end of the shift it was made in; absent outside every shift. */
      minutesBeforeShiftEnd: 'number',
      /** The shift's name in factory.yaml, e.g. 白班; absent outside every shift. */
      shift: 'string',
      /** console, wecom-app, wecom-bot, dingtalk */
      channel: 'string',
      operation: 'string',
      sequence: 'number',
      workOrder: 'string',
      item: 'string',
    },
  },
  /**
   * An operation task marked done. Its planned end comes from the plan, not from when the
   * worker started: the end of the last shift on the work order's due day. plannedMinutes
   * (standard minutes × planned quantity, absent without a standard time) and actualMinutes
   * (开工 to finish) describe the effort.
   */
  task_finished: {
    fields: {
      good: 'number',
      scrap: 'number',
      quantity: 'number',
      plannedMinutes: 'number',
      actualMinutes: 'number',
      /** Planned end (the due day's last shift end) minus the finish; negative when late. */
      minutesBeforePlannedEnd: 'number',
      operation: 'string',
      sequence: 'number',
      workOrder: 'string',
      item: 'string',
    },
  },
  /** A person's shift that ended with every operation they worked reported through the bot within it. */
  shift_reported: {
    fields: {
      /** Operations the person worked in the shift (all of them reported). */
      operations: 'number',
      reports: 'number',
      good: 'number',
      scrap: 'number',
      shift: 'string',
    },
  },
  /** A repair ticket accepted (验收) and archived; pays the technician who repaired it. */
  repair_accepted: {
    fields: {
      /** The ticket's whole time limit: the sum of its steps' limits in factory.yaml. */
      limitMinutes: 'number',
      /** From 报修 to 验收: the machine's downtime for this ticket. */
      repairMinutes: 'number',
      /** limitMinutes − repairMinutes: positive when the repair beat its time limit. */
      minutesUnderLimit: 'number',
      equipment: 'string',
    },
  },
  /** A maintenance task done; pays the person who completed it. */
  maintenance_done: {
    fields: {
      /** Minutes between completion and the task's deadline (after any 延期); negative when overdue. */
      minutesBeforeDue: 'number',
      equipment: 'string',
      /** The plan's id (factory.yaml) or P<n> (made in chat). */
      plan: 'string',
    },
  },
} as const satisfies Record<string, TriggerSpec>;

export type TriggerName = keyof typeof TRIGGERS;

export const TRIGGER_NAMES = Object.keys(TRIGGERS) as TriggerName[];

export function isTrigger(name: string): name is TriggerName {
  return Object.hasOwn(TRIGGERS, name);
}
