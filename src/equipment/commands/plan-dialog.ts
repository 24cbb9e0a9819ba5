import type { Command } from '../../chat/commands/command.js';
import { personByMention } from '../../people/directory.js';
import { Team } from '../../people/team.entity.js';
import { Equipment } from '../equipment.entity.js';
import { equipmentNamed } from '../equipment-lookup.js';
import { createPlan, readTiming, type NewPlan } from '../maintenance/plan-service.js';
import { typeKeyOf, typeName } from '../type-names.js';
import { equipmentMessages as m } from '../messages.js';

type Draft = Partial<NewPlan>;

/**
 * 新建保养计划: five short questions (machine or type, name, interval and lead, checklist,
 * who is responsible), each answer checked before the next question.
 */
export const newPlanCommand: Command = {
  name: '新建保养计划',
  aliases: ['new-plan'],
  roles: ['supervisor'],
  help: '建立一项保养计划（按运行小时和/或天数）',
  args: [],
  async run(ctx) {
    await ctx.ask(this.name, 'target', m.askPlanTarget, {});
  },
  async resume(ctx, step, state, answer) {
    const draft = state as Draft;
    const text = answer.trim();
    switch (step) {
      case 'target': {
        const written = /^类型\s*(\S+)$/.exec(text)?.[1];
        if (written) {
          const type = typeKeyOf(ctx.config, written);
          if ((await ctx.em.count(Equipment, { type })) === 0)
            return ctx.ask(this.name, step, m.unknownType(written), draft);
          return ctx.ask(this.name, 'name', m.askPlanName, {
            ...draft,
            equipmentType: type,
            equipmentCode: null,
          });
        }
        const equipment = await equipmentNamed(ctx.em, text);
        return ctx.ask(this.name, 'name', m.askPlanName, {
          ...draft,
          equipmentCode: equipment.code,
          equipmentType: null,
        });
      }
      case 'name':
        if (text === '') return ctx.ask(this.name, step, m.askPlanName, draft);
        return ctx.ask(this.name, 'timing', m.askPlanInterval, { ...draft, name: text.slice(0, 100) });
      case 'timing': {
        const timing = readTiming(text);
        if (timing === undefined) return ctx.ask(this.name, step, m.badInterval, draft);
        if (timing === 'lead_too_long') return ctx.ask(this.name, step, m.leadTooLong, draft);
        return ctx.ask(this.name, 'checklist', m.askChecklist, { ...draft, ...timing });
      }
      case 'checklist': {
        const items = /^(无|没有|none)$/i.test(text)
          ? []
          : text
              .split(/[、,，;；\n]+/)
              .map((s) => s.trim().slice(0, 60))
              .filter(Boolean)
              .slice(0, 20);
        return ctx.ask(this.name, 'responsible', m.askResponsible, { ...draft, checklist: items });
      }
      case 'responsible': {
        const who = text.replace(/^@/, '');
        const person = who === m.maintenanceTeam ? undefined : await personByMention(ctx.em, who);
        const team =
          person || who === m.maintenanceTeam
            ? null
            : await ctx.em.findOne(Team, { $or: [{ id: who }, { name: who }] });
        if (!person && !team && who !== m.maintenanceTeam)
          return ctx.ask(this.name, step, m.responsibleUnknown(text), draft);
        const plan = await createPlan(ctx.em, ctx.clock, ctx.actor, {
          ...(draft as NewPlan),
          personId: person?.id ?? null,
          teamId: team?.id ?? null,
        });
        const type = draft.equipmentType ? typeName(ctx.config, draft.equipmentType) : undefined;
        const summary = `${plan.name}，${m.planTarget(draft.equipmentCode ?? undefined, type)}，${m.planInterval(plan.everyHours ?? null, plan.everyDays ?? null)}${m.planLead(plan.leadHours, plan.leadDays)}`;
        return ctx.reply(m.planCreated(plan.code, summary));
      }
      default:
        throw new Error(`unknown step ${step} of ${this.name}`);
    }
  },
};
