import { chatMessages as m } from '../messages.js';
import type { Command } from './command.js';

/** What a person told they may not use `command` reads: who may. */
export function refusalFor(command: Command): string {
  // `everyone` is never refused; `staff` refuses only partners.
  if (!Array.isArray(command.roles)) return m.staffOnly(command.name);
  return m.notAllowed(
    command.name,
    command.roles.map((r) => m.roleNames[r] ?? r),
  );
}
