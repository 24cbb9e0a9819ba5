import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export type ExportKind = 'nightly' | 'chat';

/**
 * A set of export files written for the ERP: the nightly one for a production day, or one a
 * person asked for in chat. A chat export is fetched through a shared download link
 * (`download_links`, kind `erp-export`, naming this row's id).
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
    createdBy: p.string().length(64).nullable(),
    createdAt: p.datetime(3),
  },
});

export type ExportFile = InferEntity<typeof ExportFile>;
