import type { CardHandler } from './cards/card-handler.js';
import type { Command } from './commands/command.js';
import type { CommandContext } from './context.js';

/** A scanned code a capability understands, e.g. a work-order QR code. */
export interface ScanHandler {
  matches(scannedText: string): boolean;
  handle(ctx: CommandContext, scannedText: string): Promise<void>;
}

/**
 * What a capability (work orders, outsourcing, …) adds to the chat: its commands, its cards,
 * the codes it can scan, and what it says when someone opens the chat.
 */
export interface ChatFeature {
  commands?: Command[];
  cards?: CardHandler[];
  scans?: ScanHandler[];
  /** Menu keys (WeCom app menu) mapped to command words. */
  menu?: Record<string, string>;
  welcome?(ctx: CommandContext): Promise<void>;
}
