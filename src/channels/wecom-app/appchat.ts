import { RefusedError } from '../../shared/errors.js';
import type { WecomAnswer, WecomApiClient } from './api-client.js';

/**
 * Groups the app creates itself (§6.2): the only groups a self-built app may push into.
 * The app's visibility must be the root department, or WeCom answers 60011.
 */
export interface AppChat {
  chatid: string;
  name: string;
  owner: string;
  userlist: string[];
}

function ensureOk(answer: WecomAnswer, what: string): WecomAnswer {
  if (answer.errcode !== 0)
    throw new RefusedError('wecom_appchat', `${what}失败：${answer.errcode} ${answer.errmsg}`);
  return answer;
}

export async function createAppChat(
  client: WecomApiClient,
  chat: { name: string; owner: string; userlist: string[]; chatid?: string },
): Promise<string> {
  if (chat.userlist.length < 2) throw new RefusedError('wecom_appchat', '建群至少需要两个成员。');
  const answer = ensureOk(await client.post('/cgi-bin/appchat/create', chat), '建群');
  return String(answer.chatid);
}

export async function updateAppChat(
  client: WecomApiClient,
  change: {
    chatid: string;
    name?: string;
    owner?: string;
    add_user_list?: string[];
    del_user_list?: string[];
  },
): Promise<void> {
  ensureOk(await client.post('/cgi-bin/appchat/update', change), '修改群');
}

export async function getAppChat(client: WecomApiClient, chatid: string): Promise<AppChat> {
  const answer = ensureOk(await client.get('/cgi-bin/appchat/get', { chatid }), '查询群');
  return answer.chat_info as AppChat;
}
