import type { Services } from '../services.js';
import type { Actor } from '../chat/audit/actor.js';
import { recordAudit } from '../chat/audit/actor.js';
import { BomLine } from '../planning/bom-line.entity.js';
import { Equipment } from '../equipment/equipment.entity.js';
import { addRate, fenOfYuan, ratesLike } from '../pay/rates-service.js';
import { Team } from '../people/team.entity.js';
import { Item, ITEM_KINDS, type ItemSource } from '../workorders/item.entity.js';
import { workOrderMessages } from '../workorders/messages.js';
import { routingParameterProblems } from '../workorders/master-data-service.js';
import { RoutingStep, type RoutingParameter } from '../workorders/routing-step.entity.js';
import { WorkOrder } from '../workorders/work-order.entity.js';
import { createWorkOrder, parseDueDate } from '../workorders/work-order-service.js';
import { COLUMNS, field, type TableKind } from './columns.js';
import { importMessages as m } from './messages.js';
import type { Row } from './read-table.js';
import { readRoutingParameters } from './routing-parameters.js';

export interface RowOutcome {
  /** The spreadsheet line (the header is line 1). */
  line: number;
  result: 'created' | 'updated' | 'refused';
  message: string;
}

export interface ImportReport {
  kind: TableKind;
  rows: RowOutcome[];
  committed: boolean;
}

class RowRefused extends Error {}

const KIND_WORDS: Record<string, (typeof ITEM_KINDS)[number]> = {
  原材料: 'raw',
  原料: 'raw',
  raw: 'raw',
  半成品: 'semi',
  semi: 'semi',
  成品: 'finished',
  finished: 'finished',
};

/**
 * Imports a sheet in one transaction: every row is checked and reported, and if any row is
 * refused nothing at all is written — a half-imported plan is worse than none.
 */
export async function importRows(
  deps: Services,
  actor: Actor,
  kind: TableKind,
  rows: Row[],
): Promise<ImportReport> {
  const outcomes: RowOutcome[] = [];
  const importRow = {
    items: importItem,
    routings: importRouting,
    workorders: importWorkOrder,
    boms: importBomLine,
    rates: importRate,
  }[kind];
  const seen = new Map<string, number>();
  try {
    await deps.em.transactional(async (tx) => {
      const txDeps = { ...deps, em: tx };
      for (const [i, row] of rows.entries()) {
        const line = i + 2;
        try {
          const key = rowKey(kind, row);
          const earlier = seen.get(key);
          if (earlier !== undefined) throw new RowRefused(m.duplicateInFile(key, earlier));
          seen.set(key, line);
          const { result, what, message } = await importRow(txDeps, actor, row);
          outcomes.push({
            line,
            result,
            message: message ?? (result === 'created' ? m.created(what) : m.updated(what)),
          });
        } catch (error) {
          if (!(error instanceof RowRefused)) throw error;
          outcomes.push({ line, result: 'refused', message: error.message });
        }
      }
      if (outcomes.some((o) => o.result === 'refused')) throw new RowRefused('rolled back');
      await tx.flush();
    });
  } catch (error) {
    if (!(error instanceof RowRefused)) throw error;
    return { kind, rows: outcomes, committed: false };
  }
  return { kind, rows: outcomes, committed: true };
}

function rowKey(kind: TableKind, row: Row): string {
  if (kind === 'rates') {
    const c = COLUMNS.rates;
    return [c.item, c.operation, c.team, c.machine, c.effective].map((names) => field(row, names)).join(' ');
  }
  if (kind === 'routings')
    return `${field(row, COLUMNS.routings.item)} ${field(row, COLUMNS.routings.sequence)}`;
  if (kind === 'boms')
    return `${field(row, COLUMNS.boms.parent).toUpperCase()} ${field(row, COLUMNS.boms.component).toUpperCase()}`;
  return kind === 'items' ? field(row, COLUMNS.items.code) : field(row, COLUMNS.workorders.number);
}

function required(row: Row, names: readonly string[]): string {
  const value = field(row, names);
  if (value === '') throw new RowRefused(m.missing(names[0] ?? ''));
  return value;
}

function number(row: Row, names: readonly string[], fallback?: number): number {
  const text = field(row, names);
  if (text === '' && fallback !== undefined) return fallback;
  const value = Number(text);
  if (text === '' || !Number.isFinite(value)) throw new RowRefused(m.notANumber(names[0] ?? '', text));
  return value;
}

const YES = ['是', '要', 'y', 'yes', 'true', '1', '√'];
const NO = ['', '否', '不', 'n', 'no', 'false', '0'];

/** A flag column: left empty means no, so sheets without the column import as before. */
function yesNo(row: Row, names: readonly string[]): boolean {
  const text = field(row, names).toLowerCase();
  if (YES.includes(text)) return true;
  if (NO.includes(text)) return false;
  throw new RowRefused(m.notYesNo(names[0] ?? '', text));
}

/** The `工艺参数` column: left empty (or absent) means the step declares none. */
function parametersOf(row: Row, names: readonly string[]): RoutingParameter[] | null {
  const read = readRoutingParameters(field(row, names));
  if ('unreadable' in read) throw new RowRefused(m.badParameter(read.unreadable));
  const [problem] = routingParameterProblems(read.parameters);
  if (problem?.kind === 'duplicate') throw new RowRefused(m.duplicateParameter(problem.name));
  if (problem?.kind === 'backwards')
    throw new RowRefused(m.backwardsParameter(problem.name, problem.min, problem.max));
  return read.parameters.length > 0 ? read.parameters : null;
}

type Imported = { result: 'created' | 'updated'; what: string; message?: string };

/** 来源: ERP marks master data the ERP keeps (read-only in chat); empty keeps what the item had. */
const SOURCE_WORDS: Record<string, ItemSource> = { erp: 'erp', 本地: 'local', local: 'local' };

async function importItem(deps: Services, _actor: Actor, row: Row): Promise<Imported> {
  const c = COLUMNS.items;
  const code = required(row, c.code).toUpperCase();
  const kindText = field(row, c.kind);
  const kind = kindText === '' ? 'finished' : KIND_WORDS[kindText];
  if (!kind) throw new RowRefused(m.badKind(kindText));
  const sourceText = field(row, c.source);
  const source = sourceText === '' ? undefined : SOURCE_WORDS[sourceText.toLowerCase()];
  if (sourceText !== '' && !source) throw new RowRefused(m.badSource(sourceText));
  const existing = await deps.em.findOne(Item, code);
  const values = {
    name: required(row, c.name),
    unit: field(row, c.unit) || '件',
    kind,
    ...(source === undefined ? {} : { source }),
    serialised: yesNo(row, c.serialised),
  };
  if (existing) Object.assign(existing, values);
  else deps.em.create(Item, { code, ...values });
  return { result: existing ? 'updated' : 'created', what: `物料 ${code}` };
}

async function importRouting(deps: Services, _actor: Actor, row: Row): Promise<Imported> {
  const c = COLUMNS.routings;
  const code = required(row, c.item).toUpperCase();
  const item = await deps.em.findOne(Item, code);
  if (!item) throw new RowRefused(m.unknownItem(code));
  const sequence = number(row, c.sequence);
  const values = {
    name: required(row, c.name),
    workCenter: field(row, c.workCenter) || null,
    equipmentType: field(row, c.equipmentType) || null,
    standardMinutes: number(row, c.standardMinutes, 0),
    setupMinutes: number(row, c.setupMinutes, 0),
    firstArticle: yesNo(row, c.firstArticle),
    parameters: parametersOf(row, c.parameters),
  };
  const existing = await deps.em.findOne(RoutingStep, { item, sequence });
  if (existing) Object.assign(existing, values);
  else deps.em.create(RoutingStep, { item, sequence, ...values });
  return { result: existing ? 'updated' : 'created', what: `工艺 ${code} ${sequence} ${values.name}` };
}

async function importWorkOrder(deps: Services, actor: Actor, row: Row): Promise<Imported> {
  const c = COLUMNS.workorders;
  const numberText = required(row, c.number).toUpperCase();
  const itemCode = required(row, c.item).toUpperCase();
  const quantity = number(row, c.quantity);
  const dueText = required(row, c.due);
  const dueDate = parseDueDate(dueText, actor.at, deps.tz);
  if (!dueDate) throw new RowRefused(m.badDate(dueText));
  const customer = field(row, c.customer) || null;
  const priority = number(row, c.priority, 3);
  if (!(await deps.em.findOne(Item, itemCode))) throw new RowRefused(m.unknownItem(itemCode));
  if ((await deps.em.count(RoutingStep, { item: itemCode })) === 0)
    throw new RowRefused(m.noRouting(itemCode));
  const existing = await deps.em.findOne(WorkOrder, { number: numberText });
  if (existing) {
    if (existing.status !== 'planned') {
      throw new RowRefused(
        m.orderLocked(numberText, workOrderMessages.statusNames[existing.status] ?? existing.status),
      );
    }
    Object.assign(existing, { quantity, dueDate, customer, priority });
    recordAudit(deps.em, actor, 'work_order.import_update', 'work_order', numberText, { quantity, dueDate });
    return { result: 'updated', what: `工单 ${numberText}` };
  }
  await createWorkOrder(
    deps,
    actor,
    { number: numberText, itemCode, quantity, dueDate, customer, priority },
    deps.tz,
  );
  return { result: 'created', what: `工单 ${numberText}` };
}

/** One line of a bill of material: the parent and component must be items, in the component's unit. */
async function importBomLine(deps: Services, _actor: Actor, row: Row): Promise<Imported> {
  const c = COLUMNS.boms;
  const parentCode = required(row, c.parent).toUpperCase();
  const componentCode = required(row, c.component).toUpperCase();
  const quantityPer = number(row, c.quantityPer);
  if (!(quantityPer > 0)) throw new RowRefused(m.notANumber(c.quantityPer[0], field(row, c.quantityPer)));
  const parent = await deps.em.findOne(Item, parentCode);
  if (!parent) throw new RowRefused(m.unknownItem(parentCode));
  const component = await deps.em.findOne(Item, componentCode);
  if (!component) throw new RowRefused(m.unknownItem(componentCode));
  if (component.code === parent.code) throw new RowRefused(m.bomSelf(parent.code));
  const unit = field(row, c.unit);
  if (unit !== '' && unit !== component.unit)
    throw new RowRefused(m.bomUnit(component.code, component.unit, unit));
  const existing = await deps.em.findOne(BomLine, { parent, component });
  if (existing) existing.quantityPer = quantityPer;
  else deps.em.create(BomLine, { parent, component, quantityPer, unit: component.unit });
  return {
    result: existing ? 'updated' : 'created',
    what: `物料清单 ${parent.code} ← ${component.code} ${quantityPer}${component.unit}`,
  };
}

const DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/** A calendar day written 2026-12-01 (or 2026/12/1), as YYYY-MM-DD; undefined when it is none. */
function calendarDay(text: string): string | undefined {
  const match = DAY.exec(text.replace(/\//g, '-'));
  if (!match) return undefined;
  const day = `${match[1]}-${match[2]?.padStart(2, '0')}-${match[3]?.padStart(2, '0')}`;
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day ? undefined : day;
}

/**
 * A piece rate (计件单价): item, operation (its number or its name in the item's routing),
 * optional team and machine, yuan per good piece and per scrapped piece, the day it takes
 * effect. A rate is never rewritten: a row naming a rate already there with other money is
 * refused (a change is a new row with a later 生效日期), the same row again changes nothing.
 */
async function importRate(deps: Services, _actor: Actor, row: Row): Promise<Imported> {
  const c = COLUMNS.rates;
  const code = required(row, c.item).toUpperCase();
  if (!(await deps.em.findOne(Item, code))) throw new RowRefused(m.unknownItem(code));
  const operation = required(row, c.operation);
  const steps = await deps.em.find(RoutingStep, { item: code });
  const step = steps.find((s) => String(s.sequence) === operation) ?? steps.find((s) => s.name === operation);
  if (!step) throw new RowRefused(m.unknownOperation(code, operation));
  const teamText = field(row, c.team);
  const team =
    teamText === '' ? null : await deps.em.findOne(Team, { $or: [{ id: teamText }, { name: teamText }] });
  if (teamText !== '' && !team) throw new RowRefused(m.unknownTeam(teamText));
  const machineText = field(row, c.machine).toUpperCase();
  if (machineText !== '' && !(await deps.em.findOne(Equipment, machineText))) {
    throw new RowRefused(m.unknownMachine(machineText));
  }
  const yuanText = required(row, c.yuan);
  const fenPerPiece = fenOfYuan(yuanText);
  if (fenPerPiece === undefined) throw new RowRefused(m.badYuan(c.yuan[0], yuanText));
  const scrapText = field(row, c.scrapYuan);
  const scrapFen = scrapText === '' ? 0 : fenOfYuan(scrapText);
  if (scrapFen === undefined) throw new RowRefused(m.badYuan(c.scrapYuan[0], scrapText));
  const effectiveText = required(row, c.effective);
  const effectiveFrom = calendarDay(effectiveText);
  if (!effectiveFrom) throw new RowRefused(m.badEffective(effectiveText));
  const input = {
    itemCode: code,
    sequence: step.sequence,
    teamId: team?.id ?? null,
    equipmentCode: machineText === '' ? null : machineText,
    fenPerPiece,
    scrapFen,
    effectiveFrom,
  };
  const what = `单价 ${code} ${step.sequence} ${step.name}${team ? ` ${team.name}` : ''}${
    machineText === '' ? '' : ` ${machineText}`
  } ${effectiveFrom} 起 ¥${yuanText}`;
  const [existing] = await ratesLike(deps.em, input);
  if (existing) {
    if (existing.fenPerPiece === fenPerPiece && existing.scrapFen === scrapFen) {
      return { result: 'updated', what, message: m.rateUnchanged(what) };
    }
    throw new RowRefused(m.rateExists(what, (existing.fenPerPiece / 100).toFixed(2)));
  }
  addRate(deps.em, input, deps.clock.now());
  return { result: 'created', what };
}
