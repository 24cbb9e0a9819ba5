import type { EntityManager } from '@mikro-orm/core';
import { inZone } from '../shared/time.js';
import { workOrderScanCode } from '../shared/operation-code.js';
import { OperationTask } from '../workorders/operation-task.entity.js';
import { WorkOrder } from '../workorders/work-order.entity.js';
import { workOrderMessages } from '../workorders/messages.js';
import { ticketMessages as m } from './messages.js';
import type { PdfFont } from './pdf-font.js';
import { A4, mm, openSheet, type PdfDoc } from './pdf-sheet.js';

/** One operation row of a job ticket, with the code a scan resolves to it. */
export interface TicketOperation {
  sequence: number;
  name: string;
  plannedQuantity: number;
  machine: string | null;
  team: string | null;
  assignee: string | null;
  code: string;
}

/** What a printed job ticket (流转卡) shows: the order's header and its live operations. */
export interface JobTicket {
  number: string;
  item: string;
  unit: string;
  quantity: number;
  dueDate: string;
  customer: string | null;
  status: string;
  orderCode: string;
  printedAt: string;
  operations: TicketOperation[];
}

/** The ticket of an order as it stands, or `undefined` when there is no such order. */
export async function loadJobTicket(
  em: EntityManager,
  number: string,
  context: { publicUrl: string; now: Date; tz: string },
): Promise<JobTicket | undefined> {
  const order = await em.findOne(WorkOrder, { number: number.toUpperCase() }, { populate: ['item'] });
  if (!order) return undefined;
  // Cancelled operations are left off: a code printed for one would only be refused at the machine.
  const tasks = await em.find(
    OperationTask,
    { workOrder: order, status: { $ne: 'cancelled' } },
    { orderBy: { sequence: 'asc' }, populate: ['assignee', 'team', 'equipment'] },
  );
  return {
    number: order.number,
    item: `${order.item.code} ${order.item.name}`,
    unit: order.item.unit,
    quantity: order.quantity,
    dueDate: order.dueDate,
    customer: order.customer ?? null,
    status: workOrderMessages.statusNames[order.status] ?? order.status,
    orderCode: workOrderScanCode(context.publicUrl, order.number),
    printedAt: inZone(context.now, context.tz).format('YYYY-MM-DD HH:mm'),
    operations: tasks.map((t) => ({
      sequence: t.sequence,
      name: t.name,
      plannedQuantity: t.plannedQuantity,
      machine: t.equipment ? t.equipment.code : null,
      team: t.team ? t.team.name : null,
      assignee: t.assignee ? t.assignee.name : null,
      code: workOrderScanCode(context.publicUrl, order.number, t.sequence),
    })),
  };
}

const MARGIN = mm(12);
const ROW = mm(36);
const QR = mm(30);
const FIRST_PAGE_TOP = mm(62);
const NEXT_PAGE_TOP = mm(24);
const BOTTOM = A4.height - mm(16);
const rowsFitting = (top: number) => Math.floor((BOTTOM - top) / ROW);

/** The job ticket as an A4 PDF: header with the order's own code, then one scannable row per operation. */
export async function renderJobTicket(ticket: JobTicket, font: PdfFont): Promise<Buffer> {
  const { doc, qr, done } = await openSheet(font, `${ticket.number} ${m.ticketTitle}`);
  const pages = pageSplit(ticket.operations.length);
  await drawHeader(doc, ticket, await qr(ticket.orderCode));
  let index = 0;
  for (const [page, count] of pages.entries()) {
    if (page > 0) {
      doc.addPage();
      doc.fontSize(12).fillColor('#000').text(`${ticket.number} ${m.ticketTitle}`, MARGIN, mm(12));
    }
    let y = page === 0 ? FIRST_PAGE_TOP : NEXT_PAGE_TOP;
    for (const operation of ticket.operations.slice(index, index + count)) {
      drawOperation(doc, operation, await qr(operation.code), y);
      y += ROW;
    }
    index += count;
    doc
      .fontSize(9)
      .fillColor('#555')
      .text(m.page(page + 1, pages.length), MARGIN, BOTTOM + mm(4), {
        width: A4.width - 2 * MARGIN,
        align: 'right',
        lineBreak: false,
      });
  }
  return done();
}

/** How many operation rows go on each page (at least one page, even for an order without operations). */
function pageSplit(operations: number): number[] {
  const pages = [Math.min(operations, rowsFitting(FIRST_PAGE_TOP))];
  for (let left = operations - pages[0]!; left > 0; left -= pages.at(-1)!)
    pages.push(Math.min(left, rowsFitting(NEXT_PAGE_TOP)));
  return pages;
}

async function drawHeader(doc: PdfDoc, ticket: JobTicket, orderQr: Buffer): Promise<void> {
  const width = A4.width - 2 * MARGIN - mm(34);
  doc.fontSize(20).fillColor('#000').text(m.ticketTitle, MARGIN, MARGIN, { width });
  doc.fontSize(16).text(ticket.number, { width });
  doc.moveDown(0.3).fontSize(11);
  const lines = [
    `${m.item}：${ticket.item}`,
    `${m.quantity}：${m.pieces(ticket.quantity, ticket.unit)}\u3000\u3000${m.dueDate}：${ticket.dueDate}\u3000\u3000${m.status}：${ticket.status}`,
    ...(ticket.customer ? [`${m.customer}：${ticket.customer}`] : []),
    `${m.printedAt}：${ticket.printedAt}`,
  ];
  for (const line of lines) doc.text(line, { width, lineBreak: false, ellipsis: true });
  const x = A4.width - MARGIN - mm(30);
  doc.image(orderQr, x, MARGIN, { width: mm(30) });
  doc
    .fontSize(8)
    .fillColor('#555')
    .text(m.orderCode, x, MARGIN + mm(30), { width: mm(30), align: 'center' });
  doc
    .moveTo(MARGIN, FIRST_PAGE_TOP - mm(3))
    .lineTo(A4.width - MARGIN, FIRST_PAGE_TOP - mm(3))
    .lineWidth(1.5)
    .strokeColor('#000')
    .stroke();
}

function drawOperation(doc: PdfDoc, op: TicketOperation, code: Buffer, y: number): void {
  doc.image(code, MARGIN, y + mm(3), { width: QR });
  const x = MARGIN + QR + mm(6);
  const width = A4.width - MARGIN - x;
  doc
    .fontSize(16)
    .fillColor('#000')
    .text(`${m.operation} ${op.sequence}\u3000${op.name}`, x, y + mm(5), {
      width,
      lineBreak: false,
      ellipsis: true,
    });
  const details = [
    `${m.planned} ${op.plannedQuantity}`,
    ...(op.machine ? [`${m.machine} ${op.machine}`] : []),
    ...(op.team ? [`${m.team} ${op.team}`] : []),
    ...(op.assignee ? [`${m.assignee} ${op.assignee}`] : []),
  ];
  doc
    .fontSize(11)
    .text(details.join('\u3000·\u3000'), x, y + mm(14), { width, lineBreak: false, ellipsis: true });
  doc
    .fontSize(9)
    .fillColor('#555')
    .text(m.scanHint, x, y + mm(22), { width, lineBreak: false, ellipsis: true });
  doc
    .moveTo(MARGIN, y + ROW - mm(1))
    .lineTo(A4.width - MARGIN, y + ROW - mm(1))
    .lineWidth(0.5)
    .strokeColor('#999')
    .stroke();
}
