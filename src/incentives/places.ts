import type { TeamStanding } from './standings.js';

/**
 * The place of each entry of a list sorted best first, as a sports table gives it: entries that
 * tie share a place, and the next place skips as many (1, 1, 3). A tie is never split by name.
 */
export function placesOf<T>(sorted: readonly T[], tie: (a: T, b: T) => boolean): number[] {
  const places: number[] = [];
  sorted.forEach((entry, i) => {
    const before = sorted[i - 1];
    places.push(before !== undefined && tie(before, entry) ? (places[i - 1] ?? 1) : i + 1);
  });
  return places;
}

export const samePoints = (a: { points: number }, b: { points: number }): boolean => a.points === b.points;

/** Teams tie on points per member and reporting rate both, the two things their board is sorted by. */
export const sameTeamStanding = (a: TeamStanding, b: TeamStanding): boolean =>
  a.perMember === b.perMember && a.rate.rate === b.rate.rate;
