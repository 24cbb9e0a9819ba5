/** What `npm run api-key` says to the administrator who runs it. */
export const apiKeyMessages = {
  usage: (scopes: readonly string[]) =>
    [
      '用法：',
      '  npm run api-key -- create <名称> --scopes <权限,…>   新建密钥（只显示这一次）',
      '  npm run api-key -- list                            列出所有密钥',
      '  npm run api-key -- revoke <密钥前缀>                吊销密钥',
      `可用权限：${scopes.join(', ')}`,
    ].join('\n'),
  created: (name: string, key: string) => `「${name}」的 API 密钥（只显示这一次，请妥善保存）：\n${key}`,
  listLine: (prefix: string, name: string, scopes: string[], revoked: boolean) =>
    `${prefix}…  ${name}  [${scopes.join(', ')}]${revoked ? '  （已吊销）' : ''}`,
  revoked: (prefix: string) => `已吊销 ${prefix}。`,
  unknownScopes: (unknown: string[], known: readonly string[]) =>
    `没有这些权限：${unknown.join(', ')}。可用权限：${known.join(', ')}`,
  noActiveKey: (prefix: string) => `没有以 ${prefix} 开头的有效密钥。`,
};
