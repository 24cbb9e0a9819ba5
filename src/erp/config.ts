import type { CapabilityConfig } from '../capabilities/capability.js';

export const REPORT_FIELDS = [
  'date',
  'reportNo',
  'reportedAt',
  'orderNumber',
  'itemCode',
  'itemName',
  'sequence',
  'operation',
  'personId',
  'personName',
  'team',
  'equipment',
  'good',
  'scrap',
  'minutes',
  'reverses',
] as const;
export type ReportField = (typeof REPORT_FIELDS)[number];

export const ISSUE_FIELDS = [
  'date',
  'issueNo',
  'issuedAt',
  'orderNumber',
  'productCode',
  'lotNumber',
  'materialCode',
  'materialName',
  'unit',
  'quantity',
  'personId',
  'personName',
] as const;
export type IssueField = (typeof ISSUE_FIELDS)[number];

export interface ExportColumn<F extends string> {
  field: F;
  title: string;
}

/**
 * What the ERP bridge writes for 用友 / 金蝶 imports. Their import templates are set up per
 * company (the column titles are the template's), so the titles are the factory's to name; the
 * defaults follow the common 完工入库 / 材料出库 templates (unconfirmed against a live install).
 */
export interface ErpExportConfig {
  /** Where the files go, nightly and from chat. */
  folder: string;
  /** Whether the last production day is exported every night (an ERP that picks files up). */
  nightly: boolean;
  /** When the nightly export of the last production day runs (factory zone, HH:mm). */
  at: string;
  /** How long a chat download link works. */
  linkDays: number;
  reportColumns: ExportColumn<ReportField>[];
  issueColumns: ExportColumn<IssueField>[];
}

declare module '../config/factory-config.js' {
  interface FactoryConfig {
    erpExport: ErpExportConfig;
  }
}

const columns = (fields: readonly string[]) => ({
  type: 'array',
  minItems: 1,
  maxItems: 40,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['field', 'title'],
    properties: {
      field: { enum: fields },
      title: { type: 'string', minLength: 1, maxLength: 40 },
    },
  },
});

/** factory.yaml `erpExport:`. */
export const erpExportConfig: CapabilityConfig = {
  sections: {
    erpExport: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          folder: { type: 'string', minLength: 1, maxLength: 500 },
          nightly: { type: 'boolean' },
          at: { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' },
          linkDays: { type: 'integer', minimum: 1, maximum: 31 },
          reportColumns: columns(REPORT_FIELDS),
          issueColumns: columns(ISSUE_FIELDS),
        },
      },
      defaults: {
        folder: './data/exports',
        nightly: false,
        at: '02:00',
        linkDays: 7,
        reportColumns: [
          { field: 'date', title: '日期' },
          { field: 'reportNo', title: '报工单号' },
          { field: 'orderNumber', title: '生产订单号' },
          { field: 'itemCode', title: '存货编码' },
          { field: 'itemName', title: '存货名称' },
          { field: 'sequence', title: '工序号' },
          { field: 'operation', title: '工序名称' },
          { field: 'personId', title: '职员编码' },
          { field: 'personName', title: '职员名称' },
          { field: 'good', title: '合格数量' },
          { field: 'scrap', title: '报废数量' },
          { field: 'reverses', title: '冲销单号' },
        ],
        issueColumns: [
          { field: 'date', title: '日期' },
          { field: 'issueNo', title: '出库单号' },
          { field: 'orderNumber', title: '生产订单号' },
          { field: 'productCode', title: '产品编码' },
          { field: 'materialCode', title: '材料编码' },
          { field: 'materialName', title: '材料名称' },
          { field: 'lotNumber', title: '批号' },
          { field: 'unit', title: '单位' },
          { field: 'quantity', title: '数量' },
          { field: 'personName', title: '领料人' },
        ],
      } satisfies ErpExportConfig,
    },
  },
};
