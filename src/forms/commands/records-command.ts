import { wordChoice } from '../../chat/commands/arguments.js';
import { mayUse, type Command } from '../../chat/commands/command.js';
import { RefusedError } from '../../shared/errors.js';
import { submissionsInDays } from '../export-service.js';
import { FormSubmission } from '../form-submission.entity.js';
import { formMessages as m } from '../messages.js';
import { formOnRecordNamed, formsOnRecord } from '../record-service.js';
import { formByKey, submissionsOf } from '../submission-service.js';
import { daysOf, LIST_LIMIT, listText, today } from './form-command.js';

/** `表单 [列表]`: the forms there are, and those removed from factory.yaml whose rows remain. */
export const formsCommand: Command = {
  name: '表单',
  aliases: [],
  roles: 'staff',
  help: m.formsHelp,
  args: [wordChoice('verb', ['列表'], true)],
  async run(ctx, args) {
    if (args.verb !== undefined && args.verb !== '列表')
      throw new RefusedError('bad_filter', m.formsVerbUnknown(String(args.verb)));
    const forms = await formsOnRecord(ctx);
    const roles = ctx.person.roles;
    if (forms.length === 0) return ctx.reply(m.formsNone(roles.includes('admin')));
    const current = forms.filter((f) => f.current);
    const retired = forms.filter((f) => !f.current);
    ctx.reply(
      [
        ...(current.length > 0 ? [m.formsHeader] : []),
        ...current.map((f) => m.formsLine(f.name, f.aliases, f.count)),
        ...(retired.length > 0 ? [m.retiredHeader(mayUse(formRecordsCommand, roles))] : []),
        ...retired.map((f) => m.retiredLine(f.name, f.key, f.count)),
      ].join('\n'),
    );
  },
};

/**
 * `表单记录 <表单> [日期|日期~日期]`: the current submissions of any form, a retired one too,
 * each read with the fields it was filled with. Without days, the newest.
 */
export const formRecordsCommand: Command = {
  name: '表单记录',
  aliases: [],
  roles: ['team_lead', 'supervisor', 'manager', 'qc'],
  help: m.recordsHelp,
  args: [
    { name: 'form', label: '表单', kind: 'word' },
    { name: 'days', label: '日期|日期~日期', kind: 'text', optional: true },
  ],
  async run(ctx, args) {
    const forms = await formsOnRecord(ctx);
    const text = String(args.form ?? '');
    const found = formOnRecordNamed(forms, text);
    if (!found)
      throw new RefusedError(
        'form_unknown',
        m.unknownForm(
          text,
          forms.map((f) => f.name),
        ),
      );
    const name = found.current ? found.name : `${found.name}${m.retiredMark}`;
    const form = formByKey(ctx, found.key);
    if (args.days === undefined) {
      const rows = await submissionsOf(ctx, found.key, { limit: LIST_LIMIT });
      if (rows.length === 0) return ctx.reply(m.listEmpty(name, ''));
      const total = await ctx.em.count(FormSubmission, { formKey: found.key, supersededBy: null });
      return ctx.reply(listText(ctx, name, m.recent, rows, form, total));
    }
    const [from, to] = daysOf(String(args.days), today(ctx));
    const rows = (await submissionsInDays(ctx, found, from, to)).reverse();
    const range = from === to ? from : `${from}~${to}`;
    if (rows.length === 0) return ctx.reply(m.listEmpty(name, range));
    ctx.reply(listText(ctx, name, range, rows, form));
  },
};
