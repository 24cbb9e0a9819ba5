import type { CapabilityDemo, DemoContext } from '../../demo/demo-context.js';
import type { AnswerValue } from '../form-submission.entity.js';
import { formsOf, type FormConfig, type FormFieldConfig } from '../config.js';
import { subjectsOf } from '../subjects.js';
import { mayFill, submitForm } from '../submission-service.js';

/** An unremarkable answer: the middle of the limits, the good side of a yes/no, the first option. */
function usualAnswer(field: FormFieldConfig): AnswerValue | undefined {
  switch (field.type) {
    case 'number':
      return field.min !== undefined && field.max !== undefined
        ? Math.round(((field.min + field.max) / 2) * 100) / 100
        : (field.min ?? field.max ?? 1);
    case 'yes_no':
      return (field.alarmOn ?? 'no') === 'no';
    case 'choice':
      return field.options?.[0];
    case 'multi_choice':
      return field.options?.slice(0, 1);
    case 'text':
      return '正常';
    default:
      return undefined; // photos, dates and people are left out of the demo's answers
  }
}

/**
 * The factory's scheduled forms (the two of factory.example.yaml: 设备点检, 交接班记录) filled
 * for the last three days' first shift by someone allowed to, so that `设备点检 列表 昨天` and
 * `表单完成率` have something to show; today is left to the people trying it.
 */
async function seedFormHistory(ctx: DemoContext): Promise<void> {
  const forms = formsOf(ctx.scoring).filter(
    (f: FormConfig) => f.due && !f.fields.some((x) => x.required && usualAnswer(x) === undefined),
  );
  if (forms.length === 0) return;
  await ctx.em.transactional(async (tx) => {
    for (const form of forms) {
      const filler = ctx.config.people.find((p) =>
        mayFill(form, { id: p.id, name: p.name, roles: p.roles, teamId: p.team }),
      );
      if (!filler) continue;
      const answers = Object.fromEntries(
        form.fields.flatMap((f) => {
          const value = usualAnswer(f);
          return value === undefined ? [] : [[f.key, value]];
        }),
      );
      for (const day of [-3, -2, -1]) {
        const when = ctx.at(day, '09:00');
        const unit = { ...ctx.unit(tx, { now: () => when }), config: ctx.scoring };
        for (const subject of await subjectsOf(tx, form))
          await submitForm(unit, await ctx.actorOf(tx, filler.id, when), form, subject, answers);
      }
    }
  });
}

export const formDemo: CapabilityDemo = { history: seedFormHistory };
