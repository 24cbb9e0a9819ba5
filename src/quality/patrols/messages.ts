/** What 巡检 says, in one place for review and translation. */
export const patrolMessages = {
  help: '登记一次巡检：抽检数、不合格数和实测值，如 巡检 WO-0042 工序10 5 外径=20.01',
  remind: (
    order: string,
    operation: string,
    sequence: number,
    why: string,
    characteristics: readonly string[],
  ) =>
    `巡检提醒：${order}「${operation}」${why}，请去现场巡检` +
    (characteristics.length > 0 ? `（检查：${characteristics.join('、')}）` : '') +
    `。记录请发送「巡检 ${order} 工序${sequence} <抽检数> [不合格 <数> <原因码>] [特性=实测值]」。`,
  sinceHours: (hours: number, last: boolean) => `${last ? '距上次巡检' : '开工以来'}已 ${hours} 小时`,
  sincePieces: (pieces: number, last: boolean) => `${last ? '上次巡检后' : '开工以来'}已做 ${pieces} 件`,
  notPlanned: (order: string, operation: string) => `${order}「${operation}」没有巡检计划，仍可记录。`,
  whichOperation: (order: string, ops: string[]) =>
    `${order} 巡检哪道工序？请回复工序号：${ops.join('、')}。下次可以一次写全，例如「巡检 ${order} 工序${ops[0]?.split(' ')[0] ?? '10'} 5」。`,
  askDetail: (order: string, operation: string) =>
    `${order}「${operation}」巡检：抽检几件？回复抽检数，有不合格或实测值一并写上，例如「5」或「5 不合格 1 D01 外径=20.01」。`,
  badCount: (word: string) => `「${word}」不是抽检数。请写：巡检 <工单> <工序> <抽检数> …`,
  tooManyRejected: (rejected: number, checked: number) => `不合格 ${rejected} 件多于抽检 ${checked} 件。`,
  needsReason: '有不合格时要写原因码。',
  badWord: (word: string) => `「${word}」看不懂。特性请写 名=值，如 外径=20.01。`,
  recorded: (
    order: string,
    operation: string,
    checked: number,
    rejected: number,
    reason: string,
    values: string,
  ) =>
    `已记录巡检：${order}「${operation}」抽检 ${checked} 件，合格 ${checked - rejected} 件` +
    (rejected > 0 ? `，不合格 ${rejected} 件（${reason}）` : '') +
    (values ? `；实测 ${values}` : '') +
    '。',
};
