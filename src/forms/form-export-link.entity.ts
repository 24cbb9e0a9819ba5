import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A download link a person asked for in chat (`设备点检 导出`): the sheet is written when the
 * link is opened. Only the token's hash is kept, so the table cannot be used to forge one.
 */
export const FormExportLink = defineEntity({
  name: 'FormExportLink',
  tableName: 'form_export_links',
  properties: {
    id: p.integer().primary().autoincrement(),
    tokenHash: p.string().length(64).unique(),
    formKey: p.string().length(40),
    fromDate: p.string().length(10),
    toDate: p.string().length(10),
    createdBy: p.string().length(64),
    createdAt: p.datetime(3),
    expiresAt: p.datetime(3),
  },
});

export type FormExportLink = InferEntity<typeof FormExportLink>;
