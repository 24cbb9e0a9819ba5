import type { EntityManager } from '@mikro-orm/core';
import type { Actor } from '../../src/chat/audit/actor.js';
import { personById } from '../../src/people/directory.js';

/** The cast the chat tests rely on; the same ids as the demo data (issue 8 names them). */
export const castYaml = `
teams:
  - { id: cnc, name: 数控组, wecomGroup: wrCNC001, dingtalkGroup: cidCNC001 }
people:
  - { id: zhaolei, name: 赵磊, roles: [admin], wecom: zhaolei, dingtalk: zhaolei }
  - { id: lijianguo, name: 李建国, roles: [supervisor], wecom: lijianguo, dingtalk: lijianguo }
  - { id: wangfang, name: 王芳, roles: [team_lead], team: cnc, wecom: wangfang, dingtalk: wangfang }
  - { id: zhangwei, name: 张伟, roles: [worker], team: cnc, wecom: zhangwei, dingtalk: zhangwei }
  - { id: liuyang, name: 刘洋, roles: [worker], team: cnc, wecom: liuyang, dingtalk: liuyang }
`;

/** Person `id` acting from the console at `at`, as a service call made outside chat needs them. */
export async function consoleActor(em: EntityManager, id: string, at: Date): Promise<Actor> {
  return { person: (await personById(em, id))!, channel: 'console', inboundEventId: null, at };
}
