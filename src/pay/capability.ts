import { defineCapability } from '../capabilities/capability.js';
import { addRateRoute, listRatesRoute, monthEarningsRoute, payrollRoute } from './api.js';
import { monthEarningsCommand, todayEarningsCommand } from './commands/earnings-commands.js';
import {
  closeMonthCommand,
  disputeCommand,
  disputesCommand,
  resolveDisputeCommand,
  statementCardHandler,
  statementCommand,
} from './commands/month-commands.js';
import { payConfig } from './config.js';
import { seedPayDemo, seedRates } from './demo/seed-pay.js';
import { PayMonth } from './month/pay-month.entity.js';
import { PayStatement } from './month/pay-statement.entity.js';
import { PayEntry } from './pay-entry.entity.js';
import { PieceRate } from './piece-rate.entity.js';
import { deductionsOfRejects } from './reject-deductions.js';
import { earningsOfReports, earningsOfReversals } from './report-earnings.js';

/** Piece-rate pay (计件工资): rates per operation, what each report earned, a worker's own earnings. */
export const payCapability = defineCapability({
  name: 'pay',
  entities: [PieceRate, PayEntry, PayMonth, PayStatement],
  config: payConfig,
  events: { subscribers: [earningsOfReports, earningsOfReversals, deductionsOfRejects] },
  chat: {
    commands: [
      todayEarningsCommand,
      monthEarningsCommand,
      statementCommand,
      disputeCommand,
      closeMonthCommand,
      disputesCommand,
      resolveDisputeCommand,
    ],
    cards: [statementCardHandler],
  },
  demo: { setup: seedRates, history: seedPayDemo },
  api: {
    scopes: ['pay:read', 'pay:write'],
    routes: [addRateRoute, listRatesRoute, monthEarningsRoute, payrollRoute],
  },
});
