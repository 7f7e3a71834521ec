// Shapes of the REST API's answers that the pages read (see the contract and /api/openapi.json).

/** A role in a course. */
export type CourseRole = 'student' | 'ta' | 'instructor';

/** What an assignment grades: trained agents, or homework modules against checks. */
export type AssignmentKind = 'agent' | 'checks';

/** A signed-in user. */
export interface User {
  id: string;
  email: string;
  name: string;
}

/** `GET /api/me`. */
export interface Me {
  user: User;
  courses: {
    id: string;
    slug: string;
    title: string;
    role: CourseRole;
    team: { id: string; name: string } | null;
  }[];
}

/** `GET /api/courses/:id` (joinCode only for staff). */
export interface Course {
  id: string;
  slug: string;
  title: string;
  timezone: string;
  maxTeamSize: number;
  joinCode?: string | null;
  role: CourseRole;
}

/** A team with its members (inviteCode for its own members and staff). */
export interface Team {
  id: string;
  name: string;
  inviteCode?: string;
  members: { id: string; name: string }[];
}

/** Where an assignment's submission window stands now. */
export type SubmissionWindow = 'early' | 'on_time' | 'late' | 'closed';

/** An observation or action space as JSON (from @critic/envs `spaceSpecToJson`). */
export type SpaceJson = Record<string, unknown>;

/** One check of a homework as students see it. */
export interface HomeworkCheckView {
  id: string;
  title: string;
  functionName: string;
  /** The JS/TS signature. */
  signature: string;
  /** The Python function name (`discounted_returns`). */
  pythonName?: string;
  /** The Python `def`, one argument per line with dtype and shape comments. */
  pythonSignature?: string;
  statement: string;
  /** The lecture's formula in LaTeX. */
  formula?: string;
  points: number;
  visible?: number;
  hidden?: number;
}

/** An assignment (`GET /api/assignments/:id` adds env, publicSeeds, homework, window, viewerRole). */
export interface Assignment {
  id: string;
  courseId: string;
  slug: string;
  title: string;
  description?: string | null;
  kind: AssignmentKind;
  envId?: string | null;
  publicEpisodes?: number;
  privateEpisodes?: number;
  maxArtifactBytes?: number;
  maxDailySubmissions?: number | null;
  wallTimeMs?: number;
  actTimeMs?: number;
  memoryMb?: number;
  opensAt: string;
  dueAt: string;
  lateUntil?: string | null;
  latePenalty?: number | null;
  leaderboardVisibility?: string;
  env?: { id: string; observationSpace: SpaceJson; actionSpace: SpaceJson; maxEpisodeSteps: number };
  publicSeeds?: number[];
  homework?: { id?: string; title?: string; items?: HomeworkCheckView[]; checks?: HomeworkCheckView[] };
  window?: SubmissionWindow;
  viewerRole?: CourseRole;
}

/** Summary statistics of one split's returns. */
export interface Stat {
  n: number;
  mean: number;
  std: number;
  ciLow: number;
  ciHigh: number;
  iqm: number;
  min: number;
  max: number;
  points?: number | null;
  maxPoints?: number | null;
}

/** The lifecycle state of a submission. */
export type SubmissionState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** `GET /api/submissions/:id` and every `status` event of its stream. */
export interface SubmissionStatus {
  id: string;
  assignmentId: string;
  team: { id: string; name: string } | null;
  submittedBy: { id: string; name: string };
  format: string;
  size: number;
  sha256: string;
  status: SubmissionState;
  queuePosition: number | null;
  progress: { done: number; total: number };
  timestamps: {
    submittedAt: string;
    queuedAt: string | null;
    startedAt: string | null;
    finishedAt: string | null;
  };
  attempt: number;
  error: { class: string; message: string } | null;
  isLate: boolean;
  selected: boolean;
  scores: { public: Stat | null; private: Stat | null };
}

/** One evaluation (a split's results) of a submission. */
export interface Evaluation extends Stat {
  id: string;
  split: 'public' | 'private';
  attempt: number;
  graderVersion: string;
  envVersion: string | null;
  createdAt: string;
}

/** One graded episode. */
export interface EpisodeRow {
  index: number;
  seed: number;
  return: number;
  length: number;
  terminated: boolean;
  truncated: boolean;
  hasTrajectory: boolean;
}

/** A stored trajectory: replaying `actions` from `seed` reproduces the episode. */
export interface Trajectory {
  env: string;
  seed: number;
  actions: unknown[];
}

/** One case of a check's feedback (hidden cases carry only index and pass/fail). */
export interface CheckCase {
  caseIndex: number;
  visible: boolean;
  passed: boolean;
  message?: string | null;
  input?: unknown;
  expected?: unknown;
  got?: unknown;
  tolerance?: number | null;
}

/** Feedback of one homework check. */
export interface CheckFeedback {
  check: string;
  title: string;
  points: number;
  maxPoints: number;
  /** The function's parameter names, in the order of a case's `input`. */
  argNames: string[];
  cases: CheckCase[];
}

/** A replay pointer: which evaluation's episode to show. */
export interface ReplayRef {
  evaluationId: string;
  episodeIndex: number;
}

/** One team's row of a leaderboard. */
export interface BoardRow {
  rank: number;
  team: { id: string; name: string };
  /** Null on other teams' rows for students: their submissions are not theirs to open. */
  submissionId: string | null;
  score: number;
  ciLow: number;
  ciHigh: number;
  iqm: number;
  n: number;
  isLate: boolean;
  selected: boolean;
  submittedAt: string;
  isViewerTeam: boolean;
  replay: ReplayRef | null;
}

/** A reference agent's row of a leaderboard. */
export interface BaselineRow {
  baseline: string;
  submissionId: string;
  score: number;
  ciLow: number;
  ciHigh: number;
  iqm: number;
  n: number;
  replay: ReplayRef | null;
}

/** `GET /api/assignments/:id/leaderboard`. */
export interface Leaderboard {
  board: 'public' | 'private';
  released: boolean;
  visibility: string;
  rows: BoardRow[];
  baselines: BaselineRow[];
}

/** A registered environment (`GET /api/envs`). */
export interface EnvInfo {
  id: string;
  /** Null for an env without a step limit (e.g. Blackjack). */
  maxEpisodeSteps: number | null;
  rewardThreshold: number | null;
  observationSpace: SpaceJson;
  actionSpace: SpaceJson;
}

/** A homework of the catalogue (`GET /api/homeworks`). */
export interface HomeworkInfo {
  id: string;
  title: string;
  checks?: HomeworkCheckView[];
  items?: HomeworkCheckView[];
}

/** An API token (the secret itself only once, at creation). */
export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  token?: string;
}

/** A course member (`GET /api/courses/:id/members`). */
export interface Member {
  userId: string;
  name: string;
  email: string;
  role: CourseRole;
  externalId: string | null;
  team: { id: string; name: string } | null;
}

/** One entry of a course's audit log. */
export interface AuditEntry {
  id: number;
  action: string;
  entityType: string;
  entityId: string | null;
  actor: { id: string; name: string } | null;
  details: unknown;
  createdAt: string;
}

/** A submission in a list (`GET /api/assignments/:id/submissions`, the staff list). */
export interface SubmissionSummary {
  id: string;
  assignmentId: string;
  team: { id: string; name: string } | null;
  submittedBy: { id: string; name: string };
  baseline: string | null;
  format: string;
  status: SubmissionState;
  attempt: number;
  isLate: boolean;
  selected: boolean;
  submittedAt: string;
  finishedAt: string | null;
  /** Public mean return (agents) or points (checks). */
  publicScore: number | null;
  privateScore: number | null;
  error: { class: string; message: string } | null;
}

/** `GET /api/assignments/:id/baseline-jobs` item (staff). */
export interface BaselineJob {
  kind: 'random' | 'ppo' | 'dqn';
  status: 'queued' | 'running' | 'done' | 'dead';
  attempts: number;
  lastError: string | null;
  createdAt: string;
}
