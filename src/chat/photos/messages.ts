/** What the bot says about a photo sent after a record, in one place for review and translation. */
export const photoSlotMessages = {
  hint: (label: string) => `如需附照片，请直接发送图片，将附在${label}上。`,
  attached: (label: string, count: number) => `📷 照片已附在${label}上（共 ${count} 张）。可继续发送。`,
  /** To those told of the record when it was made: they see the photo without asking. */
  added: (by: string, label: string, links: string[]) =>
    `📷 ${by} 给${label}补充了照片：\n${links.join('\n')}`,
};
