import type { Row } from './read-table.js';

/** Each field and the column titles a factory's sheet may use for it, Chinese or English. */
export const COLUMNS = {
  items: {
    code: ['物料编码', '编码', 'code', 'item'],
    name: ['名称', '物料名称', 'name'],
    unit: ['单位', 'unit'],
    kind: ['类型', '物料类型', 'kind'],
    source: ['来源', 'source'],
    serialised: ['序列号管理', '序列号', 'serialised', 'serialized'],
  },
  routings: {
    item: ['物料编码', '编码', 'item'],
    sequence: ['工序号', '序号', 'sequence'],
    name: ['工序名称', '工序', 'name'],
    workCenter: ['工作中心', 'workcenter', 'work_center'],
    equipmentType: ['设备类型', 'equipment_type', 'equipmenttype'],
    standardMinutes: ['标准工时', '单件工时', 'standard_minutes', 'standardminutes'],
    setupMinutes: ['准备工时', '换型工时', '调机工时', 'setup_minutes', 'setupminutes'],
    firstArticle: ['首检', '首件检验', 'first_article', 'firstarticle'],
    parameters: ['工艺参数', '参数', 'parameters'],
  },
  workorders: {
    number: ['工单号', '工单', 'number'],
    item: ['物料编码', '编码', 'item'],
    quantity: ['数量', 'quantity', 'qty'],
    due: ['交期', '交货期', 'due', 'due_date'],
    customer: ['客户', 'customer'],
    priority: ['优先级', 'priority'],
  },
  boms: {
    parent: ['父项编码', '父件编码', '产品编码', 'parent'],
    component: ['子项编码', '子件编码', 'component'],
    quantityPer: ['单件用量', '用量', 'quantity_per', 'quantityper'],
    unit: ['单位', 'unit'],
  },
  rates: {
    item: ['物料编码', '编码', 'item'],
    operation: ['工序', '工序号', '工序名称', 'operation', 'sequence'],
    machine: ['设备', '设备编号', 'machine', 'equipment'],
    team: ['班组', 'team'],
    yuan: ['计件单价', '单价', '元/件', 'yuan', 'rate'],
    scrapYuan: ['报废扣款', '报废扣款/件', 'scrap_yuan', 'scrapyuan'],
    effective: ['生效日期', '生效', 'effective', 'effective_from'],
  },
} as const;

export type TableKind = keyof typeof COLUMNS;

export function field(row: Row, names: readonly string[]): string {
  for (const [key, value] of Object.entries(row)) {
    if (names.some((n) => n.toLowerCase() === key.trim().toLowerCase())) return value.trim();
  }
  return '';
}

/** Which table a sheet is, from the name of the file or, failing that, its columns. */
export function guessKind(path: string, rows: Row[]): TableKind | undefined {
  const name = path.toLowerCase();
  if (/rates?|单价|计件/.test(name)) return 'rates';
  if (/work.?orders?|工单/.test(name)) return 'workorders';
  if (/routings?|工艺|工序/.test(name)) return 'routings';
  if (/boms?|物料清单|用料/.test(name)) return 'boms';
  if (/items?|物料/.test(name)) return 'items';
  const first = rows[0] ?? {};
  if (field(first, COLUMNS.rates.yuan) !== '') return 'rates';
  if (field(first, COLUMNS.workorders.number) !== '') return 'workorders';
  if (field(first, COLUMNS.routings.sequence) !== '') return 'routings';
  if (field(first, COLUMNS.boms.component) !== '') return 'boms';
  if (field(first, COLUMNS.items.name) !== '') return 'items';
  return undefined;
}
