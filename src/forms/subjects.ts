import type { EntityManager } from '@mikro-orm/core';
import { Equipment } from '../equipment/equipment.entity.js';
import { Team } from '../people/team.entity.js';
import { RefusedError } from '../shared/errors.js';
import { WorkOrder } from '../workorders/work-order.entity.js';
import type { FormConfig } from './config.js';
import { formMessages as m } from './messages.js';

/** What one submission is about: a machine, a work order, a team, or nothing. */
export interface Subject {
  kind: FormConfig['about'];
  key: string | null;
  label: string;
  /** The team a completion rate counts it under: the machine's, the team itself; else null. */
  teamId: string | null;
  /** A machine's responsible person (equipment `responsible`), who fills forms that say so. */
  responsibleId?: string | null;
}

const NOTHING: Subject = { kind: 'none', key: null, label: '', teamId: null };

const machine = (e: Equipment): Subject => ({
  kind: 'equipment',
  key: e.code,
  label: `${e.code} ${e.name}`,
  teamId: e.team?.id ?? null,
  responsibleId: e.responsible?.id ?? null,
});

/** The subject a person or an API client named, or a refusal listing what there is. */
export async function subjectNamed(em: EntityManager, form: FormConfig, text: string): Promise<Subject> {
  const name = text.trim();
  switch (form.about) {
    case 'none':
      return NOTHING;
    case 'equipment': {
      const found = await em.findOne(Equipment, { code: name.toUpperCase() });
      if (found) return machine(found);
      break;
    }
    case 'team': {
      const found = await em.findOne(Team, { $or: [{ id: name }, { name }] });
      if (found) return { kind: 'team', key: found.id, label: found.name, teamId: found.id };
      break;
    }
    case 'work_order': {
      const found = await em.findOne(WorkOrder, { number: name.toUpperCase() });
      if (found) return { kind: 'work_order', key: found.number, label: found.number, teamId: null };
      break;
    }
  }
  const known = (await subjectsOf(em, form)).slice(0, 20).map((s) => s.key ?? '');
  throw new RefusedError('form_subject_unknown', m.unknownSubject(form, name, known), { subject: name });
}

/** Everything a scheduled form is due for, each period: every machine, or every team. */
export async function subjectsOf(em: EntityManager, form: FormConfig): Promise<Subject[]> {
  switch (form.about) {
    case 'none':
      return [NOTHING];
    case 'equipment':
      return (await em.find(Equipment, {}, { orderBy: { code: 'asc' } })).map(machine);
    case 'team':
      return (await em.find(Team, {}, { orderBy: { id: 'asc' } })).map((t) => ({
        kind: 'team' as const,
        key: t.id,
        label: t.name,
        teamId: t.id,
      }));
    case 'work_order':
      return (
        await em.find(
          WorkOrder,
          { status: { $in: ['released', 'in_progress'] } },
          { orderBy: { number: 'asc' }, limit: 20 },
        )
      ).map((o) => ({ kind: 'work_order' as const, key: o.number, label: o.number, teamId: null }));
  }
}

/** The responsible person of the machine a submission was about, for a correction of it. */
export async function machineResponsibleOf(
  em: EntityManager,
  form: FormConfig,
  subjectKey: string | null,
): Promise<string | null> {
  if (form.about !== 'equipment' || subjectKey === null) return null;
  return (await em.findOne(Equipment, subjectKey))?.responsible?.id ?? null;
}
