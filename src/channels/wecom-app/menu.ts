import type { WecomApiClient, WecomAnswer } from './api-client.js';
import { wecomAppMessages as m } from './messages.js';

/**
 * The app menu (§8): 扫码报工 opens the scanner and sends us the scanned text with the user
 * (scancode_waitmsg); 我的任务 and 帮助 are clicks mapped to commands by their keys.
 */
export const APP_MENU = {
  button: [
    { type: 'scancode_waitmsg', name: m.menu.scanToReport, key: 'scan_report' },
    { type: 'click', name: m.menu.myTasks, key: 'my_tasks' },
    { type: 'click', name: m.menu.help, key: 'help' },
  ],
};

/** There is no menu update in WeCom: delete, then create. */
export async function installMenu(client: WecomApiClient): Promise<WecomAnswer> {
  const agentid = String(client.agentId);
  const deleted = await client.get('/cgi-bin/menu/delete', { agentid });
  if (deleted.errcode !== 0) return deleted;
  return client.post('/cgi-bin/menu/create', APP_MENU, { agentid });
}
