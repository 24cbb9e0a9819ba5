import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export type ExportKind = 'nightly' | 'chat';

/**
 * A set of export files written for the ERP: the nightly one for a production day, or one a
 * person asked for in chat. A chat export is fetched through a link; only its token's hash is
 * kept, so the table cannot be used to forge one.
 */
export const ExportFile = defineEntity({
  name: 'ExportFile',
  tableName: 'erp_export_files',
  properties: {
    id: p.integer().primary().autoincrement(),
    kind: p.string().length(8).$type<ExportKind>(),
    fromDate: p.string().length(10),
    toDate: p.string().length(10),
    /** `nightly:<date>`: one nightly export per day, however many servers run the job. */
    dedupeKey: p.string().length(32).nullable().unique(),
    /** The base name (no extension) of the .xlsx and the two .csv files in the export folder. */
    baseName: p.string().length(100),
    reportRows: p.integer(),
    issueRows: p.integer(),
    tokenHash: p.string().length(64).nullable().unique(),
    createdBy: p.string().length(64).nullable(),
    createdAt: p.datetime(3),
    expiresAt: p.datetime(3).nullable(),
  },
});

export type ExportFile = InferEntity<typeof ExportFile>;
