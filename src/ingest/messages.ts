/** What gateway ingest says to people, in one place for review and translation. */
export const ingestMessages = {
  /** The reason of the production exception raised when a machine counts with no task running. */
  noRunningTask: (equipment: string, device: string, seq: number, count: number) =>
    `设备 ${equipment} 在没有进行中工序时计数（计数器 ${device} 序号 ${seq} 起，${count} 件），请确认派工。`,
  /** The same, when the counts could not go on the running task. */
  reportRefused: (equipment: string, device: string, seq: number, count: number, why: string) =>
    `设备 ${equipment} 的计数（计数器 ${device} 序号 ${seq} 起，${count} 件）没能记入报工：${why}`,
  /** Told to supervisors when the machine never had a work order to raise an exception on. */
  unassignedCounts: (equipment: string, device: string, seq: number, count: number) =>
    `⚠️ 设备 ${equipment} 在没有任何工单时计数（计数器 ${device} 序号 ${seq} 起，${count} 件），这些计数未记入报工。`,
  unknownEquipment: (code: string) => `没有设备「${code}」。`,
  noBookedPerson: '网关记录没有可记到的人：请在 factory.yaml 的 ingest.person 指定，或设一位主管。',
  countMismatch: (count: number, good: number, scrap: number) =>
    `计数 ${count} 与合格 ${good} + 报废 ${scrap} 不符。`,
};
