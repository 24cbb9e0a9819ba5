import { DriverException } from '@mikro-orm/core';
import type { CardHandler } from '../chat/cards/card-handler.js';
import type { Command } from '../chat/commands/command.js';
import type { ChatFeature, ScanHandler } from '../chat/feature.js';
import type { Subscriber } from '../events/domain-events.js';
import { isLockConflict } from '../db/lock-retry.js';
import { AppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { Capability } from './capability.js';
import { pluginMessages as m } from './messages.js';

/** A plugin's handler failed in a way it did not mean to: its change is rolled back and the sender told. */
export class PluginFailedError extends AppError {
  constructor(plugin: string, cause: unknown) {
    super('plugin_failed', `plugin ${plugin} failed while handling a message`, {
      status: 500,
      // Shown, unlike other internal errors: the answer names the plugin, not the failure.
      expose: true,
      userMessage: m.failed(plugin),
      details: { plugin },
      cause,
    });
  }
}

/**
 * Runs `work` for plugin `name`: a domain error (a refusal) passes as it is, and so does a
 * database's (a lost lock is retried, an outage leaves the event to be resumed, as for the
 * core). Anything else is the plugin's own bug: logged with its stack, it becomes a
 * PluginFailedError, so the transaction rolls back and the chat answers the sender.
 */
async function guarded<T>(
  name: string,
  ctx: { logger: Logger },
  what: string,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError || error instanceof DriverException || isLockConflict(error)) throw error;
    ctx.logger.error({ err: error, plugin: name, handler: what }, 'plugin failed');
    throw new PluginFailedError(name, error);
  }
}

function guardCommand(name: string, command: Command): Command {
  const { run, resume } = command;
  return {
    ...command,
    run: (ctx, args) => guarded(name, ctx, command.name, () => run.call(command, ctx, args)),
    ...(resume
      ? {
          resume: (ctx, step, state, answer) =>
            guarded(name, ctx, command.name, () => resume.call(command, ctx, step, state, answer)),
        }
      : {}),
  };
}

function guardCard(name: string, card: CardHandler): CardHandler {
  return {
    ...card,
    currentVersion: (em, id) => card.currentVersion(em, id),
    describeNow: (em, id) => card.describeNow(em, id),
    act: (ctx, id, action, selections) =>
      guarded(name, ctx, card.cardType, () => card.act(ctx, id, action, selections)),
  };
}

function guardScan(name: string, scan: ScanHandler): ScanHandler {
  return {
    matches: (text) => scan.matches(text),
    handle: (ctx, text) => guarded(name, ctx, 'scan', () => scan.handle(ctx, text)),
  };
}

function guardChat(name: string, chat: ChatFeature): ChatFeature {
  const { welcome } = chat;
  return {
    ...chat,
    ...(chat.commands ? { commands: chat.commands.map((c) => guardCommand(name, c)) } : {}),
    ...(chat.cards ? { cards: chat.cards.map((c) => guardCard(name, c)) } : {}),
    ...(chat.scans ? { scans: chat.scans.map((s) => guardScan(name, s)) } : {}),
    ...(welcome ? { welcome: (ctx) => guarded(name, ctx, 'welcome', () => welcome.call(chat, ctx)) } : {}),
  };
}

/**
 * A subscriber runs inside the emitter's work (a core 报工, the digest being written): when it
 * fails, that work fails with an answer naming the plugin rather than an anonymous error.
 */
function guardSubscriber(name: string, subscriber: Subscriber): Subscriber {
  return {
    ...subscriber,
    handle: (payload, unit) => guarded(name, unit, subscriber.event, () => subscriber.handle(payload, unit)),
  };
}

/** A plugin as the app runs it: what it does in chat, or on an event, cannot fail without its name. */
export function guardPlugin(plugin: Capability): Capability {
  const { chat, events } = plugin;
  return {
    ...plugin,
    ...(chat ? { chat: guardChat(plugin.name, chat) } : {}),
    ...(events?.subscribers
      ? { events: { ...events, subscribers: events.subscribers.map((s) => guardSubscriber(plugin.name, s)) } }
      : {}),
  };
}
