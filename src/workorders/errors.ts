import { RefusedError } from '../shared/errors.js';
import { workOrderMessages as m } from './messages.js';

/** A report claiming more pieces than can exist; carries the numbers for the reply and the API. */
export class OverReportError extends RefusedError {
  constructor(operation: string, requested: number, remaining: number, allowed: number) {
    super('over_report', m.overReport(operation, requested, remaining, allowed), {
      requested,
      remaining,
      allowed,
    });
  }
}
