import type { Role } from '../../config/factory-config.js';
import type { CommandContext } from '../context.js';
import { usageOf, type ArgSpec, type ParsedArgs } from './arguments.js';

/**
 * One thing a person can say to the bot. Declared once; the parser, `帮助`, the role check
 * and the typo suggestions all read the declaration.
 */
export interface Command {
  /** The Chinese command word, e.g. 完工. */
  name: string;
  /** English alias first, then synonyms (报工 for 完工). */
  aliases: string[];
  /**
   * Who may use it: `staff` is every factory role, partners excluded (they see only their own
   * outsourcing orders); `everyone` includes partners too. `admin` may use every command.
   */
  roles: Role[] | 'staff' | 'everyone';
  /** One line for `帮助`. */
  help: string;
  /**
   * What `帮助` shows instead to someone whose every role is in `roles` (its usage from `args`,
   * by default the command's own): a partner may use 外发 only to move their own orders, and
   * must not be shown how to make new ones.
   */
  helpFor?: { roles: readonly Role[]; args?: readonly ArgSpec[]; help: string };
  args: readonly ArgSpec[];
  run(ctx: CommandContext, args: ParsedArgs): Promise<void>;
  /** The next step of a dialog this command started with `ctx.ask`. */
  resume?(ctx: CommandContext, step: string, state: Record<string, unknown>, answer: string): Promise<void>;
  /**
   * Its dialogs take a photo as an answer (as `#image media:<id>`, see shared/media) at any step;
   * other commands get one only at the step `ctx.awaitPhoto` opened.
   */
  takesImages?: boolean;
}

/** The usage and the help this person is shown for `command` (see `helpFor`). */
export function shownTo(command: Command, roles: readonly Role[]): { usage: string; help: string } {
  const alt = command.helpFor;
  if (!alt || roles.length === 0 || !roles.every((r) => alt.roles.includes(r)))
    return { usage: usageOf(command.name, command.args), help: command.help };
  return { usage: usageOf(command.name, alt.args ?? command.args), help: alt.help };
}

/** The line `帮助` shows this person for `command`: its usage and what it does. */
export function helpLine(command: Command, roles: readonly Role[]): string {
  const { usage, help } = shownTo(command, roles);
  return `· ${usage} — ${help}`;
}

export function mayUse(command: Pick<Command, 'roles'>, roles: readonly Role[]): boolean {
  if (command.roles === 'everyone' || roles.includes('admin')) return true;
  if (command.roles === 'staff') return roles.some((r) => r !== 'partner');
  return command.roles.some((r) => roles.includes(r));
}
