import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { OutboundContent } from '../chat/outbound.js';
import type { Outbox } from '../chat/outbox/outbox.js';
import type { IncentiveDeps } from './evaluation-service.js';
import { leaderboardChartPng } from './leaderboard-chart.js';
import type { PersonPoints } from './ledger.js';
import { retryOnLockConflict } from '../db/lock-retry.js';
import { leaderboardMarkdown } from './messages.js';
import { weekOf, type Period } from './periods.js';
import { NO_WORK, type ReportingRate } from './reporting-rate.js';
import { placesOf, samePoints } from './places.js';
import { standings } from './standings.js';

/** What one team's group reads on Monday morning: praise only, nobody named at the bottom. */
export interface TeamLeaderboard {
  teamId: string;
  teamName: string;
  week: Period;
  /** The best of the team, up to `incentives.leaderboardSize`, each with points. */
  top: PersonPoints[];
  /** The member (not already in `top`) whose points rose most over the week before. */
  mostImproved: { name: string; points: number; gain: number } | undefined;
  rate: ReportingRate;
  previousRate: ReportingRate;
  /** The team's reporting rate was the factory's highest (shared first place counts). */
  bestRate: boolean;
  /** Every member with points, for the chart. */
  scorers: PersonPoints[];
}

/** The boards of every team for the week before the one `now` is in. */
export async function teamLeaderboards(deps: IncentiveDeps): Promise<TeamLeaderboard[]> {
  const week = weekOf(deps.now, deps.tz, 1);
  const before = weekOf(deps.now, deps.tz, 2);
  const current = await standings(deps.em, week, deps.config, deps.tz);
  const previous = await standings(deps.em, before, deps.config, deps.tz);
  const previousPoints = new Map(previous.people.map((p) => [p.personId, p.points]));
  const bestRate = Math.max(...current.teams.map((t) => t.rate.rate ?? -1));
  return current.teams
    .map((team): TeamLeaderboard => {
      const scorers = current.people.filter((p) => p.teamId === team.teamId);
      // Everyone tied with the last place shown is shown too: a tie is not split by name.
      const places = placesOf(scorers, samePoints);
      const top = scorers.filter((_, i) => (places[i] ?? 0) <= deps.config.incentives.leaderboardSize);
      const improved = scorers
        .filter((p) => !top.includes(p))
        .map((p) => ({
          name: p.name,
          points: p.points,
          gain: p.points - (previousPoints.get(p.personId) ?? 0),
        }))
        .filter((p) => p.gain > 0)
        .sort((a, b) => b.gain - a.gain)[0];
      return {
        teamId: team.teamId,
        teamName: team.name,
        week,
        top,
        mostImproved: improved,
        rate: team.rate,
        previousRate: previous.teams.find((t) => t.teamId === team.teamId)?.rate ?? NO_WORK,
        bestRate: team.rate.rate !== null && team.rate.rate === bestRate,
        scorers,
      };
    })
    .filter((board) => board.top.length > 0 || board.rate.worked > 0);
}

export async function leaderboardContents(board: TeamLeaderboard): Promise<OutboundContent[]> {
  const markdown = leaderboardMarkdown(board);
  const png = await leaderboardChartPng(board);
  const contents: OutboundContent[] = [{ kind: 'markdown', ...markdown }];
  if (png) contents.push({ kind: 'image', title: markdown.title, png: png.toString('base64') });
  return contents;
}

/**
 * Puts last week's board into the outbox for every team with something to show; the router
 * takes it to the team's group, or to its leads where the team has no group. Each message
 * has a dedupe key per team and week, so a second instance or a second run writes nothing:
 * returns false then.
 */
export async function sendWeeklyLeaderboard(deps: IncentiveDeps & { outbox: Outbox }): Promise<boolean> {
  const boards = await Promise.all(
    (await teamLeaderboards(deps)).map(async (board) => ({
      board,
      contents: await leaderboardContents(board),
    })),
  );
  try {
    await retryOnLockConflict(() =>
      deps.em.fork().transactional(async (tx: EntityManager) => {
        for (const { board, contents } of boards) {
          for (const [i, content] of contents.entries()) {
            await deps.outbox.enqueue(tx, { kind: 'team', teamId: board.teamId }, content, {
              dedupeKey: `leaderboard:${board.week.firstDay}:team:${board.teamId}:${i}`,
            });
          }
        }
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) return false;
    throw error;
  }
}
