/** `npm run wecom:menu`: installs the app menu (扫码报工, 我的任务, 帮助) on the configured WeCom app. */
import 'dotenv/config';
import { readSettings } from '../../config/env.js';
import { systemClock } from '../../shared/clock.js';
import { createLogger } from '../../shared/logger.js';
import { WecomApiClient } from './api-client.js';
import { installMenu } from './menu.js';

const settings = readSettings();
if (!settings.wecom) {
  console.error('Set WECOM_CORP_ID, WECOM_AGENT_ID, WECOM_SECRET, WECOM_TOKEN and WECOM_AES_KEY first.');
  process.exit(2);
}
const answer = await installMenu(new WecomApiClient(settings.wecom, systemClock, createLogger('warn')));
if (answer.errcode === 0) console.log('The app menu is installed: 扫码报工 · 我的任务 · 帮助');
else {
  console.error(`WeCom refused the menu: ${answer.errcode} ${answer.errmsg}`);
  process.exitCode = 1;
}
