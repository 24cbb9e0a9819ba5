import type { Role } from '../../config/factory-config.js';
import { closest } from '../text/suggest.js';
import { mayUse, type Command } from './command.js';

export class CommandRegistry {
  private readonly commands: Command[] = [];
  private readonly byWord = new Map<string, Command>();

  register(...commands: Command[]): this {
    for (const command of commands) {
      for (const word of [command.name, ...command.aliases]) {
        const key = word.toLowerCase();
        const clash = this.byWord.get(key);
        if (clash)
          throw new Error(`command word "${word}" is claimed by both ${clash.name} and ${command.name}`);
        this.byWord.set(key, command);
      }
      this.commands.push(command);
    }
    return this;
  }

  find(word: string): Command | undefined {
    return this.byWord.get(word.toLowerCase());
  }

  get(name: string): Command {
    const command = this.find(name);
    if (!command) throw new Error(`no command named ${name}`);
    return command;
  }

  /** Commands the given roles may use, in registration order (the order of `帮助`). */
  available(roles: readonly Role[]): Command[] {
    return this.commands.filter((c) => mayUse(c, roles));
  }

  /** The command word closest to a typo, among those this person may use. */
  suggest(word: string, roles: readonly Role[]): string | undefined {
    const words = this.available(roles).flatMap((c) => [c.name, ...c.aliases]);
    const match = closest(word, words);
    return match === undefined ? undefined : this.find(match)?.name;
  }
}
