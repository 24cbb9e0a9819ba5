import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { OutboundContent } from '../chat/outbound.js';
import { peopleWithRole } from '../people/directory.js';
import { Team } from '../people/team.entity.js';
import { PluginFailedError } from '../capabilities/plugin-guard.js';
import type { Services } from '../services.js';
import { productionDay, productionInterval } from '../shared/production-day.js';
import { buildDailyFigures, type DailyFigures } from './daily-figures.js';
import { digestChartPng } from './digest-chart.js';
import { digestSpan, dueDigestDay } from './digest-day.js';
import type { DigestContributions, DigestSection } from './events.js';
import { digestMarkdown, pluginFailedSection } from './messages.js';

/** The parts of a unit of work a digest reads, and the moment it is built for. */
export type DigestDeps = Pick<Services, 'em' | 'outbox' | 'config' | 'tz'> & {
  now: Date;
  /**
   * The unit other capabilities' sections are asked for in (`digest.composing`); without it the
   * digest holds the built-in figures only.
   */
  unit?: Services;
};

/** What the capabilities that listen to `digest.composing` add for `day`, in their order. */
async function contributions(
  unit: Services,
  day: string,
  figures: DailyFigures,
): Promise<DigestContributions> {
  const sections: DigestSection[] = [];
  const riskNotes = new Map<string, string[]>();
  const listedAtRisk = new Set(figures.atRisk.map((o) => o.number));
  const { start, end } = productionInterval(day, productionDay(unit.config, unit.tz));
  try {
    await unit.events.publish(unit, 'digest.composing', {
      day,
      start,
      end,
      listedAtRisk,
      add: (s) => sections.push(s),
      noteOnRisk: (orderNumber, note) => {
        if (listedAtRisk.has(orderNumber))
          riskNotes.set(orderNumber, [...(riskNotes.get(orderNumber) ?? []), note]);
      },
    });
  } catch (error) {
    // A broken plugin must not cost the supervisors the whole digest: its failure is logged
    // (plugin-guard) and named here; the sections of the plugins after it are missing too.
    if (!(error instanceof PluginFailedError)) throw error;
    sections.push(pluginFailedSection(String(error.details.plugin)));
  }
  return { sections, riskNotes };
}

export async function digestContents(
  deps: DigestDeps,
  day: string,
): Promise<{ figures: DailyFigures; contents: OutboundContent[] }> {
  const figures = await buildDailyFigures(deps.em, day, {
    productionDay: productionDay(deps.config, deps.tz),
    riskDays: deps.config.digest.riskDays,
    now: deps.now,
  });
  const span = digestSpan(day, deps.now, deps.config, deps.tz);
  const added = deps.unit ? await contributions(deps.unit, day, figures) : undefined;
  const markdown = digestMarkdown(figures, deps.config.factory.name, span, added);
  const png = await digestChartPng(figures);
  const contents: OutboundContent[] = [{ kind: 'markdown', ...markdown }];
  if (png) contents.push({ kind: 'image', title: markdown.title, png: png.toString('base64') });
  return { figures, contents };
}

/**
 * Puts the digest for `day` (by default the latest production day whose digest is due) into
 * the outbox for every supervisor (and the team groups when configured). Each copy has a
 * dedupe key, so a second server instance, or a second run of the job for the same day,
 * writes nothing: returns false then.
 */
export async function sendMorningDigest(
  deps: DigestDeps,
  day = dueDigestDay(deps.now, deps.config, deps.tz),
): Promise<boolean> {
  const { contents } = await digestContents(deps, day);
  try {
    await deps.em.transactional(async (tx) => {
      for (const supervisor of await peopleWithRole(tx, 'supervisor')) {
        for (const [i, content] of contents.entries()) {
          await deps.outbox.enqueue(tx, { kind: 'person', personId: supervisor.id }, content, {
            dedupeKey: `digest:${day}:person:${supervisor.id}:${i}`,
          });
        }
      }
      if (deps.config.digest.teamGroups) {
        for (const team of await tx.find(Team, {}, { orderBy: { id: 'asc' } })) {
          for (const [i, content] of contents.entries()) {
            await deps.outbox.enqueue(tx, { kind: 'team', teamId: team.id }, content, {
              dedupeKey: `digest:${day}:team:${team.id}:${i}`,
            });
          }
        }
      }
    });
    return true;
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) return false;
    throw error;
  }
}
