import type { Assignment, BaselineRow, CourseRole, LeaderboardRow, ReplayLink, Team } from '@critic/db';
import type { WebConfig } from '../../env';
import type { Viewer } from '../context';
import { TtlCache } from './ttl-cache';

/** What a board request reads from the database, shared by every viewer for a moment. */
export interface BoardSnapshot {
  rows: LeaderboardRow[];
  baselines: BaselineRow[];
  replays: Map<string, ReplayLink>;
  /** Serialized responses of this snapshot, per kind of viewer (filled on first use). */
  bodies: Map<string, string>;
}

/**
 * The API's read caches, one set per app instance. Writes made through this instance drop what they
 * change; writes of other processes (the grader finishing a submission) show within the TTL: boards are
 * at most `cacheMs.board` stale, sessions/roles/teams at most `cacheMs.auth`. Negative answers (not
 * enrolled, no team) are never cached, so joining takes effect at once.
 */
export interface ApiCaches {
  /** `cookie:<token>` or `token:<api token>` → the viewer (null: an unknown session). */
  viewers: TtlCache<string, Viewer | null>;
  /** `<courseId>:<userId>` → role. */
  roles: TtlCache<string, CourseRole | undefined>;
  /** `<courseId>:<userId>` → the user's team. */
  teams: TtlCache<string, Team | undefined>;
  /** assignment id → assignment. */
  assignments: TtlCache<string, Assignment>;
  /** `<assignmentId>:<split>` → board snapshot. */
  boards: TtlCache<string, BoardSnapshot>;
}

/** Fresh caches with the configured lifetimes. */
export function createApiCaches(config: WebConfig): ApiCaches {
  const auth = { ttlMs: config.cacheMs.auth };
  const board = { ttlMs: config.cacheMs.board };
  return {
    viewers: new TtlCache(auth),
    roles: new TtlCache(auth),
    teams: new TtlCache(auth),
    assignments: new TtlCache(board),
    boards: new TtlCache({ ...board, maxEntries: 1000 }),
  };
}

/** Drops an assignment and its boards (after a change made through this instance). */
export function forgetAssignment(caches: ApiCaches, assignmentId: string): void {
  caches.assignments.delete(assignmentId);
  caches.boards.deleteWhere((k) => k.startsWith(`${assignmentId}:`));
}
