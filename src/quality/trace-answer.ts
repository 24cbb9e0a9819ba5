import type { EntityManager } from '@mikro-orm/core';
import type { FactoryConfig } from '../config/factory-config.js';
import { formatDateTime } from '../shared/display.js';
import { RefusedError } from '../shared/errors.js';
import { workOrderMessages } from '../workorders/messages.js';
import { qualityMessages as m } from './messages.js';
import type { OrderTrace } from './order-trace.js';
import { MAX_TRACE_CODE, traceCode, type TraceKind } from './trace-service.js';

/** A photo attached to one of a trace's inspections, and the words that say which. */
export interface TracePhoto {
  label: string;
  mediaId: number;
}

/**
 * What 追溯 answers: a trace of one kind (with its inspections' photos, which chat offers as
 * links), or the question which of several things is meant.
 */
export type TraceAnswer =
  { kind: TraceKind; text: string; photos: TracePhoto[] } | { kind: 'ambiguous'; text: string };

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
      return { kind: 'lot', text: m.lot(found.trace, when, workOrderMessages.statusNames), photos: [] };
    case 'order':
      return { kind: 'order', text: m.order(found.trace, when, names), photos: photosOf(found.trace, when) };
    case 'serial':
      return {
        kind: 'serial',
        text: `${m.serial(found.serial, when)}\n${m.order(found.trace, when, names)}`,
        photos: photosOf(found.trace, when),
      };
    case 'not_found':
      throw new RefusedError('not_found', m.nothingFound(code));
  }
}

function photosOf(trace: OrderTrace, when: (at: Date) => string): TracePhoto[] {
  return trace.operations.flatMap((o) =>
    o.inspections.flatMap((i) =>
      i.photos.map((mediaId, n) => ({
        label: m.inspectionPhotoLabel(i.kind, trace.number, o.name, when(i.at), n + 1, i.photos.length),
        mediaId,
      })),
    ),
  );
}
