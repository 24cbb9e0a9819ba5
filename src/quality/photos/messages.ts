/** What quality says about photos attached to its records. */
export const photoMessages = {
  hint: (label: string) => `如需附照片，请直接发送图片，将附在${label}上。`,
  attached: (label: string, count: number) => `📷 照片已附在${label}上（共 ${count} 张）。可继续发送。`,
  gone: '要附照片的记录已不存在，照片已保存但未附上。',
  inspectionLabel: (kind: string, order: string, operation: string) => `${kind} ${order}「${operation}」`,
  scrapLabel: (label: string) => `报废申请 ${label}`,
};
