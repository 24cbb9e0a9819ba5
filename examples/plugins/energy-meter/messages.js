/** Everything this plugin says to people, in one place for review and translation. */
export const messages = {
  help: '登记电表读数，回复比上次多用了多少度',
  codeTooLong: (max) => `电表编号最长 ${max} 个字符，请检查后重发。`,
  unknownMeter: (code, known) =>
    known.length === 0
      ? `没有编号为「${code}」的电表：factory.yaml 的 energyMeters 里还没有登记电表。`
      : `没有编号为「${code}」的电表。已登记的电表：${known.join('、')}。`,
  notANumber: (text) => `「${text}」不是读数，请写数字，例如 电表 M1 1234.5。`,
  lowerThanLast: (code, reading, last, at) =>
    `电表 ${code} 的读数 ${reading} 比上次的 ${last}（${at}）还小，没有记录。读错了请重抄；换了电表请联系管理员。`,
  recorded: (code, name, reading, used) =>
    used === undefined
      ? `已记录：电表 ${code}（${name}）读数 ${reading}。这是它的第一个读数。`
      : `已记录：电表 ${code}（${name}）读数 ${reading}，比上次多用 ${used} 度。`,
  reminder: (meters) => `今天还没有抄的电表：${meters.join('、')}。抄表请发：电表 <编号> <读数>`,
  digestTitle: '用电',
  consumption: (code, name, used) => `- ${code} ${name}：${used} 度`,
  notEnoughReadings: (code, name) => `- ${code} ${name}：读数不足，算不出用电`,
};
