// Shapes of the final-projects API answers the project pages read.

/** A check of a custom env's report. */
export interface EnvCheck {
  name: string;
  passed: boolean;
  message?: string;
}

/** `GET /api/courses/:id/custom-envs` item. */
export interface CustomEnvView {
  id: string;
  teamId: string | null;
  envId: string;
  /** `queued` for the grader's check job, `running` while it checks, then `accepted` or `rejected`. */
  status: 'queued' | 'running' | 'checking' | 'accepted' | 'rejected';
  maxEpisodeSteps: number | null;
  report: { checks: EnvCheck[] } | null;
  createdAt: string;
}

/** `GET /api/courses/:id/projects` item. */
export interface ProjectView {
  id: string;
  team: { id: string; name: string };
  title: string;
  description: string;
  envId: string;
  direction: 'maximize' | 'minimize';
  status: 'pending' | 'approved' | 'rejected';
  reviewNote: string | null;
  assignmentId: string | null;
}

/** A score and its 95% interval. */
export interface Interval {
  score: number;
  ciLow: number;
  ciHigh: number;
}

/** `GET /api/courses/:id/project-board` row. */
export interface BoardRow {
  rank: number | null;
  projectId: string;
  title: string;
  envId: string;
  direction: 'maximize' | 'minimize';
  team: { id: string; name: string };
  assignmentId: string;
  best: (Interval & { submissionId: string; n: number; hasLearningCurve: boolean }) | null;
  random: (Interval & { baseline: string }) | null;
  reference: (Interval & { baseline: string }) | null;
  normalized: Interval | null;
  tiedWith: string[];
  replay: { evaluationId: string; episodeIndex: number } | null;
}
