import type { CardHandler } from '../../chat/cards/card-handler.js';
import type { Command } from '../../chat/commands/command.js';
import type { CommandContext } from '../../chat/context.js';
import { hasRole } from '../../people/person-view.js';
import { OutOfBoundsError } from '../../shared/bounds/bounds-error.js';
import { charCount, longerThan } from '../../shared/bounds/checks.js';
import { RefusedError } from '../../shared/errors.js';
import { payMessages as m } from '../messages.js';
import { closeMonth } from '../month/close-month.js';
import { PayStatement } from '../month/pay-statement.entity.js';
import { STATEMENT_CARD, statementCard, statementSubject } from '../month/statement-card.js';
import {
  confirmStatement,
  disputeStatement,
  openDisputes,
  resolveDispute,
  statementToAnswer,
} from '../month/statement-answers.js';
import { statementLines } from '../month/statement-lines.js';
import { monthOf, personAndMonth, readPersonAndMonth, subjectOf } from './earnings-commands.js';

/** As long as the worker's own 有异议 reason may be. */
const MAX_RESOLUTION_CHARS = 500;

export const closeMonthCommand: Command = {
  name: '结算',
  aliases: ['close-pay'],
  roles: ['supervisor'],
  help: m.closeHelp,
  args: [{ name: 'month', label: '月份', kind: 'word' }],
  async run(ctx, args) {
    const closed = await closeMonth(ctx.services, ctx.person.id, monthOf(String(args.month), ctx));
    ctx.reply(m.closed(closed.month, closed.statements, closed.fen));
  },
};

/** 工资条 [姓名] [月份]: the statement as a card; only its worker's taps count. */
export const statementCommand: Command = {
  name: '工资条',
  aliases: ['payslip'],
  roles: ['worker', 'team_lead', 'supervisor', 'manager'],
  help: m.statementHelp,
  args: personAndMonth,
  async run(ctx, args) {
    const { who, monthWord } = readPersonAndMonth(args);
    const subject = await subjectOf(ctx, who);
    const month = monthWord === undefined ? undefined : monthOf(monthWord, ctx);
    const statement = await ctx.em.findOne(
      PayStatement,
      { person: subject.id, ...(month === undefined ? {} : { month }) },
      { orderBy: { month: 'desc' } },
    );
    if (!statement) throw new RefusedError('no_statement', m.noStatement(subject.name, month));
    const lines = await statementLines(ctx.em, statement.month, subject.id);
    ctx.reply(
      ctx.card(STATEMENT_CARD, statementSubject(statement), statementCard(statement, subject.name, lines)),
    );
  },
};

async function dispute(ctx: CommandContext, statement: PayStatement, reason: string): Promise<void> {
  await disputeStatement(ctx.services, statement, reason);
  ctx.reply(m.disputed(statement.month));
}

/** 有异议 <月份> [原因]: the card's 有异议 button asks for the reason through this command's dialog. */
export const disputeCommand: Command = {
  name: '有异议',
  aliases: ['dispute-pay'],
  roles: ['worker', 'team_lead', 'supervisor', 'manager'],
  help: m.disputeHelp,
  args: [
    { name: 'month', label: '月份', kind: 'word' },
    { name: 'reason', label: '原因', kind: 'text', optional: true },
  ],
  async run(ctx, args) {
    const month = monthOf(String(args.month), ctx);
    const found = await ctx.em.findOne(PayStatement, { person: ctx.person.id, month });
    if (!found) throw new RefusedError('no_statement', m.noStatement(ctx.person.name, month));
    const statement = await statementToAnswer(ctx.em, found.id, ctx.person.id);
    if (args.reason === undefined) {
      return ctx.ask(disputeCommand.name, 'reason', m.askDisputeReason(month), { statementId: statement.id });
    }
    await dispute(ctx, statement, String(args.reason));
  },
  async resume(ctx, _step, state, answer) {
    await dispute(
      ctx,
      await statementToAnswer(ctx.em, Number(state.statementId), ctx.person.id),
      answer.trim(),
    );
  },
};

export const disputesCommand: Command = {
  name: '异议列表',
  aliases: ['pay-disputes'],
  roles: ['team_lead', 'supervisor', 'manager'],
  help: m.disputesHelp,
  args: [],
  async run(ctx) {
    const everyone = hasRole(ctx.person, 'supervisor', 'manager');
    if (!everyone && ctx.person.teamId === undefined) return ctx.reply(m.noDisputes);
    const open = await openDisputes(ctx.em, everyone ? undefined : ctx.person.teamId);
    if (open.length === 0) return ctx.reply(m.noDisputes);
    ctx.reply(
      m.disputes(
        open.map((s) => ({ name: s.person.name, month: s.month, fen: s.fen, reason: s.reason ?? '' })),
      ),
    );
  },
};

/** 处理异议 <姓名> <月份> <说明>: a lead settles their team's dispute (a supervisor anyone's). */
export const resolveDisputeCommand: Command = {
  name: '处理异议',
  aliases: ['resolve-pay'],
  roles: ['team_lead', 'supervisor', 'manager'],
  help: m.resolveHelp,
  args: [
    { name: 'who', label: '姓名', kind: 'word' },
    { name: 'month', label: '月份', kind: 'word' },
    { name: 'note', label: '处理说明', kind: 'text' },
  ],
  async run(ctx, args) {
    const subject = await subjectOf(ctx, String(args.who));
    const month = monthOf(String(args.month), ctx);
    const statement = await ctx.em.findOne(PayStatement, { person: subject.id, month });
    if (!statement) throw new RefusedError('no_statement', m.noStatement(subject.name, month));
    const note = String(args.note);
    // Sent to the worker and kept only in the audit: no column would refuse it, so it is held here.
    if (longerThan(note, MAX_RESOLUTION_CHARS))
      throw OutOfBoundsError.tooLong('note', MAX_RESOLUTION_CHARS, charCount(note));
    await resolveDispute(ctx.services, statement, ctx.person.name, note);
    ctx.audit('pay_dispute_resolved', 'pay_statement', statement.id, { note });
    ctx.reply(m.disputeResolved(subject.name, month));
  },
};

/** The 工资条's buttons: 确认, or 有异议 (asks the reason). Only the statement's worker may tap. */
export const statementCardHandler: CardHandler = {
  cardType: STATEMENT_CARD,
  async currentVersion(em, subjectId) {
    const statement = await em.findOne(PayStatement, Number(subjectId));
    return statement ? String(statement.revision) : undefined;
  },
  async describeNow(em, subjectId) {
    const statement = await em.findOne(PayStatement, Number(subjectId));
    return statement
      ? `${m.statementTitle(statement.month)}${m.statementStatus(statement.status, undefined)}`
      : m.statementGone;
  },
  async act(ctx, subjectId, action) {
    const statement = await statementToAnswer(ctx.em, Number(subjectId), ctx.person.id);
    if (action === 'confirm') {
      confirmStatement(ctx.services, statement);
      return ctx.reply(m.confirmed(statement.month));
    }
    if (action === 'dispute') {
      return ctx.ask(disputeCommand.name, 'reason', m.askDisputeReason(statement.month), {
        statementId: statement.id,
      });
    }
    throw new Error(`unknown pay statement card action ${action}`);
  },
};
