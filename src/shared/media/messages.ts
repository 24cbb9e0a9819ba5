/** What people hear about the photos they send, in one place for review and translation. */
export const mediaMessages = {
  tooLarge: (megabytes: number) => `照片太大了（超过 ${megabytes} MB），没有保存。请压缩后重新发送。`,
  notAnImage: '只能保存 JPG、PNG、WebP 或 HEIC 格式的照片，这个文件没有保存。',
  expired: '这张图片已经取不到了（平台的下载链接已过期），请重新发送。',
  unavailable: '暂时取不到这张图片，请稍后重新发送。',
  linkGone: '照片链接已失效或不存在，请在聊天中重新获取。',
};
