/** What a person is told when a field is out of bounds, and the Chinese names of the fields. */

/** Field names as people know them; a field without one is called 内容. */
const LABELS: Record<string, string> = {
  reason: '原因',
  closeNote: '说明',
  note: '说明',
  qcNote: '质检说明',
  decisionNote: '驳回原因',
  postponeReason: '延期原因',
  symptom: '故障描述',
  customer: '客户',
  name: '名称',
  notes: '备注',
  number: '编号',
  code: '编号',
  productCode: '产品编码',
  process: '工序',
  lotNumber: '批次号',
  location: '位置',
  model: '型号',
  phone: '电话',
  unit: '单位',
  quantity: '数量',
  expectedReturnAt: '预计回厂时间',
  dueDate: '交期',
  shipDate: '发出日期',
  customFields: '自定义字段',
};

export const boundsMessages = {
  label: (field: string) => LABELS[field] ?? '内容',
  tooLong: (label: string, max: number, actual: number) =>
    `${label}最多 ${max} 字（现在 ${actual} 字），请精简后重新发送。`,
  outOfRange: (label: string) => `${label}超出了允许的范围，请检查后重新发送。`,
  tooDeep: (label: string, max: number) => `${label}嵌套太深（最多 ${max} 层）。`,
  badTime: (label: string) => `${label}的时间不合理，请检查后重新发送。`,
};
