import { defineCapability } from '../capabilities/capability.js';
import { incentivesConfig } from './config.js';
import { scoreDemoWeek } from './demo.js';
import { EvaluationCursor } from './evaluation-cursor.entity.js';
import { incentivesFeature } from './feature.js';
import { evaluateIncentivesJob } from './jobs/evaluate-incentives.job.js';
import { weeklyLeaderboardJob } from './jobs/weekly-leaderboard.job.js';
import { PointEntry } from './point-entry.entity.js';
import { pointsOfReversals } from './report-points.js';

/** Points for on-time reporting and good work, the weekly leaderboard. */
export const incentivesCapability = defineCapability({
  name: 'incentives',
  config: incentivesConfig,
  entities: [PointEntry, EvaluationCursor],
  chat: incentivesFeature,
  demo: { history: scoreDemoWeek },
  events: { subscribers: [pointsOfReversals] },
  jobs: (s) => [evaluateIncentivesJob(s), weeklyLeaderboardJob(s)],
});
