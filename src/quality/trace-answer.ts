import type { EntityManager } from '@mikro-orm/core';
import type { FactoryConfig } from '../config/factory-config.js';
import { formatDateTime } from '../shared/display.js';
import { RefusedError } from '../shared/errors.js';
import { workOrderMessages } from '../workorders/messages.js';
import { qualityMessages as m } from './messages.js';
import { MAX_TRACE_CODE, traceCode, type TraceKind } from './trace-service.js';

/** What 追溯 answers: a trace of one kind, or the question which of several things is meant. */
export type TraceAnswer = { kind: TraceKind; text: string } | { kind: 'ambiguous'; text: string };

interface AnswerContext {
  config: FactoryConfig;
  now: Date;
  tz: string;
}

/**
 * The words 追溯 answers for `code`, the same in chat and on the printed page, so that what a
 * customer is shown is exactly what QC read. An unknown or too long code is refused.
 */
export async function traceAnswer(
  em: EntityManager,
  code: string,
  kind: TraceKind | undefined,
  { config, now, tz }: AnswerContext,
): Promise<TraceAnswer> {
  if (code.length > MAX_TRACE_CODE) throw new RefusedError('code_too_long', m.codeTooLong(MAX_TRACE_CODE));
  const found = await traceCode(em, code, kind, config.outsourcing.states);
  const when = (at: Date) => formatDateTime(at, now, tz);
  const names = {
    status: workOrderMessages.statusNames,
    kinds: workOrderMessages.exceptionKindNames,
    exceptionStatus: workOrderMessages.exceptionStatusNames,
  };
  switch (found.kind) {
    case 'ambiguous':
      return { kind: 'ambiguous', text: m.ambiguous(code, found.kinds) };
    case 'lot':
      return { kind: 'lot', text: m.lot(found.trace, when, workOrderMessages.statusNames) };
    case 'order':
      return { kind: 'order', text: m.order(found.trace, when, names) };
    case 'serial':
      return {
        kind: 'serial',
        text: `${m.serial(found.serial, when)}\n${m.order(found.trace, when, names)}`,
      };
    case 'not_found':
      throw new RefusedError('not_found', m.nothingFound(code));
  }
}
