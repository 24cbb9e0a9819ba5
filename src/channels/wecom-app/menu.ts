import type { ChatFeature } from '../../chat/feature.js';
import type { WecomApiClient, WecomAnswer } from './api-client.js';
import { wecomAppMessages as m } from './messages.js';

interface MenuButton {
  type?: 'click' | 'scancode_waitmsg';
  name: string;
  key?: string;
  sub_button?: MenuButton[];
}

/** §8: at most three top-level buttons; a button that opens a sub-menu holds one to five. */
const TOP_BUTTONS = 3;
const SUB_BUTTONS = 5;

/**
 * The app menu, from the capabilities' chat: 扫码报工 (when one of them reads scanned codes)
 * opens the scanner and sends the scanned text with the user (scancode_waitmsg); each menu
 * entry is a click whose key the router maps to its command word. Past three buttons, the
 * rest go under 更多; what does not fit even there is a mistake in the capabilities' menus.
 */
export function appMenuFor(features: readonly ChatFeature[]): { button: MenuButton[] } {
  const scan: MenuButton[] = features.some((f) => (f.scans ?? []).length > 0)
    ? [{ type: 'scancode_waitmsg', name: m.menu.scanToReport, key: 'scan_report' }]
    : [];
  const clicks = features.flatMap((f) =>
    Object.entries(f.menu ?? {}).map(([key, word]): MenuButton => ({ type: 'click', name: word, key })),
  );
  const buttons = [...scan, ...clicks];
  if (buttons.length <= TOP_BUTTONS) return { button: buttons };
  const kept = buttons.slice(0, TOP_BUTTONS - 1);
  const overflow = buttons.slice(kept.length + SUB_BUTTONS);
  if (overflow.length > 0)
    throw new Error(`the WeCom app menu has no room for: ${overflow.map((b) => b.name).join(', ')}`);
  return {
    button: [
      ...kept,
      { name: m.menu.more, sub_button: buttons.slice(kept.length, kept.length + SUB_BUTTONS) },
    ],
  };
}

/** There is no menu update in WeCom: delete, then create. */
export async function installMenu(
  client: WecomApiClient,
  menu: { button: MenuButton[] },
): Promise<WecomAnswer> {
  const agentid = String(client.agentId);
  const deleted = await client.get('/cgi-bin/menu/delete', { agentid });
  if (deleted.errcode !== 0) return deleted;
  return client.post('/cgi-bin/menu/create', menu, { agentid });
}
