import type { FormConfig, FormFieldConfig } from './config.js';

const kindWord: Record<FormConfig['about'], string> = {
  equipment: '设备',
  work_order: '工单',
  team: '班组',
  none: '',
};

/** What the forms say, in one place for review and translation. */
export const formMessages = {
  yes: '是',
  no: '否',
  photoTaken: '📷 已拍照',
  skipHint: '（可选，回复「跳过」略过）',
  formHelp: (form: FormConfig) =>
    `填写「${form.name}」${form.about === 'none' ? '' : `（${kindWord[form.about]}）`}；「${form.name} 列表」查看，「${form.name} 导出」下载 Excel`,
  usage: (form: FormConfig) =>
    `${form.name}${form.about === 'none' ? '' : ` <${kindWord[form.about]}>`} | ${form.name} 列表 [日期|${kindWord[form.about] || '日期'}] | ${form.name} 导出 [日期~日期] | ${form.name} 更正 <编号>`,
  askSubject: (form: FormConfig, known: string[]) =>
    `「${form.name}」：请回复${kindWord[form.about]}${known.length > 0 ? `（${known.join('、')}）` : ''}：`,
  askField: (field: FormFieldConfig, index: number, total: number) => {
    const limits =
      field.type === 'number' && (field.min !== undefined || field.max !== undefined)
        ? `，正常范围 ${field.min ?? '…'}~${field.max ?? '…'}`
        : '';
    const hint: Record<FormFieldConfig['type'], string> = {
      text: '',
      number: `（数字${field.unit ? `，单位 ${field.unit}` : ''}${limits}）`,
      choice: '',
      multi_choice: `（可多选，用顿号分开：${(field.options ?? []).map((o, i) => `${i + 1}.${o}`).join(' ')}）`,
      yes_no: '（是/否）',
      date: '（如 2026-12-01、今天）',
      photo: '（请发一张照片）',
      person: '（姓名）',
    };
    return `(${index}/${total}) ${field.label}${hint[field.type]}${field.required ? '' : '（可选，回复「跳过」略过）'}：`;
  },
  answerRequired: (label: string) => `「${label}」必须填写，请回答：`,
  notANumber: (label: string, text: string) => `「${text}」不是数字，请重新填写「${label}」：`,
  notYesNo: (label: string) => `请回答「是」或「否」：${label}？`,
  notAnOption: (label: string, options: string[]) =>
    `「${label}」请从这些里选：${options.map((o, i) => `${i + 1}.${o}`).join(' ')}`,
  notADate: (text: string) => `看不懂日期「${text}」，请写成 2026-12-01、12-01、今天或昨天：`,
  sendAPhoto: (label: string) => `「${label}」需要一张照片，请直接发送图片：`,
  unknownPerson: (text: string) => `没有找到「${text}」，请写同事的姓名：`,
  unknownSubject: (form: FormConfig, text: string, known: string[]) =>
    `没有${kindWord[form.about]}「${text}」。${known.length > 0 ? `现有：${known.join('、')}。` : ''}`,
  notAllowedToFill: (form: FormConfig) => `您不能填写「${form.name}」。`,
  notAllowedToFillFor: (form: FormConfig, subject: string) =>
    `您不能填写 ${subject} 的「${form.name}」：它由设备负责人填写。`,
  notAllowedToSee: (form: FormConfig) => `只有班组长、车间主任和经理可以查看和导出「${form.name}」。`,
  submitted: (form: FormConfig, id: number) => `${form.name} #${id}`,
  submittedFields: { subject: '对象', filledBy: '填写人', period: '班次/周期', at: '时间', number: '编号' },
  alarmsNote: (labels: readonly string[], exceptions: number[]) =>
    `⚠️ ${labels.join('、')} 异常${exceptions.length > 0 ? `，已上报 ${exceptions.map((e) => `E${e}`).join('、')}` : '，已通知相关人员'}。`,
  corrected: (id: number, earlier: number) => `已更正：#${id} 取代 #${earlier}（原记录保留）。`,
  submissionUnknown: (name: string, id: number) => `没有「${name}」记录 #${id}。`,
  alreadySuperseded: (id: number, by: number) => `#${id} 已被 #${by} 更正，请更正 #${by}。`,
  alarmReason: (form: string, where: string, label: string, shown: string, field: FormFieldConfig) => {
    const limits =
      field.type === 'number'
        ? `（正常 ${field.min ?? '…'}~${field.max ?? '…'}${field.unit ? ` ${field.unit}` : ''}）`
        : '';
    return `${form}${where ? ` ${where}` : ''}：${label} ${shown}${limits}`;
  },
  alarmNotice: (who: string, reason: string, id: number) => `⚠️ ${who} 填表 #${id} 发现异常：${reason}`,
  listHeader: (name: string, filter: string, count: number) => `「${name}」${filter}：${count} 条`,
  listEmpty: (name: string, filter: string) => `「${name}」${filter}没有记录。`,
  listLine: (id: number, at: string, who: string, subject: string, answers: string) =>
    `#${id} ${at} ${who}${subject ? ` ${subject}` : ''}：${answers}`,
  listMore: (n: number) => `……另有 ${n} 条，请用「导出」下载全部。`,
  badListFilter: (text: string, form: FormConfig) => `看不懂「${text}」。${formMessages.usage(form)}`,
  exported: (name: string, range: string, rows: number, url: string, days: number) =>
    `「${name}」${range}：${rows} 条。\n下载 Excel（${days} 天内有效）：${url}`,
  linkExpired: '下载链接已失效，请在聊天里重新发「<表单名> 导出」。',
  sheetColumns: {
    number: '编号',
    at: '填写时间',
    who: '填写人',
    subject: '对象',
    team: '班组',
    period: '班次/周期',
    supersedes: '更正自',
  },
  reminder: (form: string, subject: string, period: string) =>
    `⏰ 「${form}」${subject ? ` ${subject}` : ''}（${period}）还没有填写，请发「${form}${subject ? ` ${subject.split(' ')[0]}` : ''}」填写。`,
  leadReminder: (form: string, subject: string, period: string, people: string) =>
    `⏰ 「${form}」${subject ? ` ${subject}` : ''}（${period}）仍未填写${people ? `（已提醒 ${people}）` : ''}，请跟进。`,
  completionHelp: '各表单按班组的按时完成率',
  completionHeader: (range: string) => `表单完成率（${range}）：`,
  completionLine: (form: string, team: string, done: number, due: number) =>
    `· ${form} ${team}：${done}/${due}（${due === 0 ? '—' : `${Math.round((done / due) * 1000) / 10}%`}）`,
  completionNone: '没有按班次、按天或按周安排的表单（factory.yaml 的 forms.list 里写 due）。',
  noTeam: '未分班组',
  formsHelp: '全部表单和各自的记录条数，停用的表单也列出（记录都保留）',
  formsVerbUnknown: (word: string) =>
    `「表单」后面只能写「列表」，您写了「${word}」。发送「表单」查看全部表单。`,
  formsHeader: '表单：',
  formsLine: (name: string, aliases: readonly string[], count: number) =>
    `· ${name}${aliases.length > 0 ? `（${aliases.join('、')}）` : ''}：${count} 条`,
  retiredHeader: (mayRead: boolean) => `已停用（记录保留${mayRead ? '，发「表单记录 <名称>」查看' : ''}）：`,
  retiredLine: (name: string, key: string, count: number) => `· ${name}（${key}）：${count} 条`,
  formsNone: (forAdmin: boolean) =>
    `还没有表单。${forAdmin ? '表单在 factory.yaml 的 forms.list 里声明。' : ''}`,
  recordsHelp: '任一表单的记录，已停用的也可以',
  recordsUsage: '表单记录 <表单名称或 key> [日期|日期~日期]',
  unknownForm: (text: string, names: readonly string[]) =>
    `没有表单「${text}」。${names.length > 0 ? `有：${names.join('、')}。` : ''}`,
  retiredMark: '（已停用）',
  recent: '最近',
  questionAnswered: '这个问题已经回答过了',
  notYourQuestion: '这张卡片上的问题是问别人的。',
  questionExpired: '这个问题已经过期了，请重新发起填写。',
  badRange: (text: string) => `看不懂「${text}」。可以写：本周、上周，或 2026-11-23~2026-11-29。`,
};
