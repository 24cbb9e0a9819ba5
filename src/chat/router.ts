import type { CardHandler } from './cards/card-handler.js';
import { CardInstance } from './cards/card-instance.entity.js';
import { parseButtonKey } from './cards/issue-card.js';
import { parseArgs, usageOf } from './commands/arguments.js';
import { mayUse, type Command } from './commands/command.js';
import type { CommandRegistry } from './commands/registry.js';
import { refusalFor } from './commands/refusal.js';
import { PHOTO_STEP, type CommandContext } from './context.js';
import { storedImageText } from '../shared/media/attachments.js';
import type { PendingDialogs } from './dialogs/pending-dialogs.js';
import type { ChatFeature, ScanHandler } from './feature.js';
import type { InboundEvent } from './inbound-event.js';
import { chatMessages as m } from './messages.js';
import { tokenize } from './text/normalize.js';

/** Decides what an inbound event from a known person means, and runs it. */
export class EventRouter {
  private readonly cards = new Map<string, CardHandler>();
  private readonly scans: ScanHandler[] = [];
  private readonly menu = new Map<string, string>();
  private readonly welcomes: Array<NonNullable<ChatFeature['welcome']>> = [];

  constructor(
    readonly commands: CommandRegistry,
    private readonly dialogs: PendingDialogs,
    features: ChatFeature[],
  ) {
    for (const f of features) {
      commands.register(...(f.commands ?? []));
      for (const card of f.cards ?? []) this.cards.set(card.cardType, card);
      this.scans.push(...(f.scans ?? []));
      for (const [key, word] of Object.entries(f.menu ?? {})) this.menu.set(key, word);
      if (f.welcome) this.welcomes.push(f.welcome.bind(f));
    }
  }

  async route(ctx: CommandContext): Promise<void> {
    const event = ctx.event;
    switch (event.kind) {
      case 'text':
        return this.onText(ctx, event.text);
      case 'card_action':
        return this.onCardAction(ctx, event);
      case 'scan':
        return this.onScan(ctx, event.scannedText);
      case 'menu_click': {
        const word = this.menu.get(event.menuKey);
        return word === undefined ? ctx.reply(m.unknownMenu) : this.onText(ctx, word);
      }
      case 'enter':
        ctx.reply(m.welcome(ctx.person.name));
        for (const welcome of this.welcomes) await welcome(ctx);
        return;
      case 'image':
        return this.onImage(ctx);
    }
  }

  /**
   * A stored photo goes to the open dialog that takes one; a dialog waiting for something else
   * stays open and the photo is only acknowledged. A refused photo changes nothing.
   */
  private async onImage(ctx: CommandContext): Promise<void> {
    const image = ctx.image;
    if (!image) return ctx.reply(m.imageReceived);
    if ('refusal' in image) return ctx.reply(image.refusal);
    const pending = await this.dialogs.take(ctx.em, ctx.person.id, ctx.event);
    if (pending === 'expired') return ctx.reply(m.dialogExpired);
    if (!pending) return ctx.reply(m.imageReceived);
    const owner = this.commands.get(pending.command);
    if (owner.resume && (pending.step === PHOTO_STEP || owner.takesImages))
      return owner.resume(ctx, pending.step, pending.state, storedImageText(image.stored));
    await this.dialogs.open(ctx.em, ctx.person.id, ctx.event, pending.command, pending.step, pending.state);
    ctx.reply(m.imageNotAnswer);
  }

  private async onText(ctx: CommandContext, text: string): Promise<void> {
    const tokens = tokenize(text);
    const [word, ...rest] = tokens;
    if (word === undefined) return ctx.reply(m.emptyMessage);
    const command = this.commands.find(word);
    if (command?.name === '取消') return command.run(ctx, {});
    if (command) {
      // A new command abandons any question left open: people rarely answer after changing topic.
      await this.dialogs.close(ctx.em, ctx.person.id, ctx.event);
      return this.runCommand(ctx, command, rest);
    }
    const scan = rest.length === 0 ? this.printedCode(ctx, word) : undefined;
    if (scan) {
      // DingTalk's scanner and a phone camera open a printed code's link instead of sending it;
      // shared or pasted into the chat, it is the scan the WeCom menu would have sent.
      await this.dialogs.close(ctx.em, ctx.person.id, ctx.event);
      return scan.handle(ctx, word);
    }
    const pending = await this.dialogs.take(ctx.em, ctx.person.id, ctx.event);
    if (pending === 'expired') return ctx.reply(m.dialogExpired);
    // A dialog that waits for a photo lets words go by: they mean what they would mean without it.
    if (pending && pending.step !== PHOTO_STEP) {
      const owner = this.commands.get(pending.command);
      if (owner.resume) return owner.resume(ctx, pending.step, pending.state, text);
    }
    ctx.reply(m.unknownCommand(word, this.commands.suggest(word, ctx.person.roles)));
  }

  private async runCommand(ctx: CommandContext, command: Command, tokens: string[]): Promise<void> {
    if (!mayUse(command, ctx.person.roles)) return ctx.reply(refusalFor(command));
    const parsed = parseArgs(tokens, command.args);
    if (!parsed.ok) return ctx.reply(m.badArgs(parsed.problem, usageOf(command.name, command.args)));
    await command.run(ctx, parsed.args);
  }

  private async onCardAction(
    ctx: CommandContext,
    event: Extract<InboundEvent, { kind: 'card_action' }>,
  ): Promise<void> {
    const key = parseButtonKey(event.actionKey);
    const instance = key && (await ctx.em.findOne(CardInstance, key.ref));
    const handler = instance ? this.cards.get(instance.cardType) : undefined;
    const action = instance && key ? instance.actions[key.index] : undefined;
    if (!instance || !handler || action === undefined) return ctx.reply(m.cardUnknown);
    const version = await handler.currentVersion(ctx.em, instance.subjectId);
    if (version !== instance.subjectVersion) {
      return ctx.reply(m.cardStale(await handler.describeNow(ctx.em, instance.subjectId)));
    }
    await handler.act(ctx, instance.subjectId, action, event.selections);
  }

  /** The scan handler for a link of a code this bot printed (under its public URL), if any. */
  private printedCode(ctx: CommandContext, word: string): ScanHandler | undefined {
    if (!word.startsWith(`${ctx.publicUrl}/`)) return undefined;
    return this.scans.find((s) => s.matches(word));
  }

  private async onScan(ctx: CommandContext, scanned: string): Promise<void> {
    const handler = this.scans.find((s) => s.matches(scanned.trim()));
    if (!handler) return ctx.reply(m.unknownScan(scanned));
    await handler.handle(ctx, scanned.trim());
  }
}
