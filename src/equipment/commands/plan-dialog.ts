import type { Command } from '../../chat/commands/command.js';
import type { CommandContext } from '../../chat/context.js';
import { normalizeText } from '../../chat/text/normalize.js';
import { personByMention } from '../../people/directory.js';
import { Team } from '../../people/team.entity.js';
import { Equipment } from '../equipment.entity.js';
import { equipmentNamed } from '../equipment-lookup.js';
import { createPlan, readTiming, type NewPlan } from '../maintenance/plan-service.js';
import { typeKeyOf, typeName } from '../type-names.js';
import { equipmentMessages as m } from '../messages.js';

type Draft = Partial<NewPlan>;

/** What one answer leads to: the next question (or the same one again), or the finished plan. */
type Step = { step: string; question: string; draft: Draft; accepted: boolean } | { done: string };

const NAME = '新建保养计划';
const REQUIRED_MARK = /\s*[(（]必做[)）]$/;

/**
 * 新建保养计划: five short questions (machine or type, name, interval and lead, checklist,
 * who is responsible), each answer checked before the next question. A message of several
 * lines answers as many questions in turn, so a planner can paste the whole plan at once.
 */
export const newPlanCommand: Command = {
  name: NAME,
  aliases: ['new-plan'],
  roles: ['supervisor'],
  help: '建立一项保养计划（按运行小时和/或天数）；可一行一个回答，一次发完',
  args: [{ name: 'answers', label: '回答', kind: 'text', optional: true }],
  async run(ctx, args) {
    if (args.answers === undefined || ctx.event.kind !== 'text')
      return ctx.ask(NAME, 'target', m.askPlanTarget, {});
    // The tokens lost the line breaks; the answers are the lines of the message after the command word.
    await answerLines(ctx, 'target', {}, normalizeText(ctx.event.text).replace(/^\S+/, ''));
  },
  async resume(ctx, step, state, answer) {
    await answerLines(ctx, step, state as Draft, answer);
  },
};

async function answerLines(ctx: CommandContext, first: string, draft: Draft, text: string): Promise<void> {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  let at: Step = { step: first, question: '', draft, accepted: true };
  for (const line of lines.length > 0 ? lines : ['']) {
    if ('done' in at || !at.accepted) break;
    at = await answerOne(ctx, at.step, at.draft, line);
  }
  if ('done' in at) return ctx.reply(at.done);
  await ctx.ask(NAME, at.step, at.question, at.draft);
}

async function answerOne(ctx: CommandContext, step: string, draft: Draft, text: string): Promise<Step> {
  const next = (to: string, question: string, changes: Draft): Step => ({
    step: to,
    question,
    draft: { ...draft, ...changes },
    accepted: true,
  });
  const again = (question: string): Step => ({ step, question, draft, accepted: false });
  switch (step) {
    case 'target': {
      const written = /^类型\s*(\S+)$/.exec(text)?.[1];
      if (written) {
        const type = typeKeyOf(ctx.config, written);
        if ((await ctx.em.count(Equipment, { type })) === 0) return again(m.unknownType(written));
        return next('name', m.askPlanName, { equipmentType: type, equipmentCode: null });
      }
      const equipment = await equipmentNamed(ctx.em, text);
      return next('name', m.askPlanName, { equipmentCode: equipment.code, equipmentType: null });
    }
    case 'name':
      if (text === '') return again(m.askPlanName);
      return next('timing', m.askPlanInterval, { name: text.slice(0, 100) });
    case 'timing': {
      const timing = readTiming(text);
      if (timing === undefined) return again(m.badInterval);
      if (timing === 'lead_too_long') return again(m.leadTooLong);
      return next('checklist', m.askChecklist, timing);
    }
    case 'checklist': {
      const written = /^(无|没有|none)$/i.test(text)
        ? []
        : text
            .split(/[、,，;；]+/)
            .map((s) => s.trim())
            .filter(Boolean)
            .slice(0, 20);
      const items = written.map((s) => s.replace(REQUIRED_MARK, '').slice(0, 60));
      const requiredItems = items.filter((_, i) => REQUIRED_MARK.test(written[i] ?? ''));
      return next('responsible', m.askResponsible, { checklist: items, requiredItems });
    }
    case 'responsible': {
      const who = text.replace(/^@/, '');
      const person = who === m.maintenanceTeam ? undefined : await personByMention(ctx.em, who);
      const team =
        person || who === m.maintenanceTeam
          ? null
          : await ctx.em.findOne(Team, { $or: [{ id: who }, { name: who }] });
      if (!person && !team && who !== m.maintenanceTeam) return again(m.responsibleUnknown(text));
      const plan = await createPlan(ctx.em, ctx.clock, ctx.actor, {
        ...(draft as NewPlan),
        requiredItems: draft.requiredItems ?? [],
        personId: person?.id ?? null,
        teamId: team?.id ?? null,
      });
      const type = draft.equipmentType ? typeName(ctx.config, draft.equipmentType) : undefined;
      const summary = `${plan.name}，${m.planTarget(draft.equipmentCode ?? undefined, type)}，${m.planInterval(plan.everyHours ?? null, plan.everyDays ?? null)}${m.planLead(plan.leadHours, plan.leadDays)}`;
      return { done: m.planCreated(plan.code, summary) };
    }
    default:
      throw new Error(`unknown step ${step} of ${NAME}`);
  }
}
