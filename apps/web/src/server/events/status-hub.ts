/**
 * Where the API hears PostgreSQL notifications (postgres.js's `sql.listen` has this shape): a LISTEN on
 * one dedicated connection; `onListen` runs each time it is (re)established.
 */
export interface NotificationSource {
  listen(
    channel: string,
    onNotify: (payload: string) => void,
    onListen?: () => void,
  ): Promise<{ unlisten(): Promise<void> }>;
}

/** Channel of submission row changes (payload: the submission id); see migration `status_notify`. */
export const SUBMISSION_CHANNEL = 'critic_submission_status';
/** Channel of job queue changes (payload: the queue name): waiting submissions' positions moved. */
export const QUEUE_CHANNEL = 'critic_job_queue';

/** Why a watcher is woken: its row changed, some queue moved, or the listener (re)connected. */
export type WakeReason = 'row' | 'queue' | 'resync';

/**
 * Fans the database's status notifications out to the open status streams of this web instance: one
 * listener connection however many streams, and a cap on the streams one user holds open.
 */
export interface StatusHub {
  /** Takes one of the user's stream slots; undefined when all `perUser` are taken. Call the result to give it back. */
  acquire(userId: string): (() => void) | undefined;
  /** Calls `wake` on each change of the submission (or any queue); returns the unsubscribe. */
  watch(submissionId: string, wake: (reason: WakeReason) => void): Promise<() => void>;
  /** Streams open now, per user (tests, metrics). */
  openStreams(userId: string): number;
}

/** A hub listening through `source` (lazily, on the first watch), allowing `perUser` streams per user. */
export function createStatusHub(
  source: NotificationSource,
  perUser: number,
  onListenError: (error: unknown) => void,
): StatusHub {
  const watchers = new Map<string, Set<(reason: WakeReason) => void>>();
  const open = new Map<string, number>();
  const everyone = (reason: WakeReason) => {
    for (const set of watchers.values()) for (const wake of set) wake(reason);
  };
  let listening: Promise<void> | undefined;
  const listen = () => {
    listening ??= Promise.all([
      source.listen(
        SUBMISSION_CHANNEL,
        (id) => {
          for (const wake of watchers.get(id) ?? []) wake('row');
        },
        // (Re)connected: notifications may have been missed meanwhile, so every stream re-reads.
        () => everyone('resync'),
      ),
      source.listen(QUEUE_CHANNEL, () => everyone('queue')),
    ]).then(
      () => undefined,
      (error: unknown) => {
        // Streams still re-read on their resync timer; the next watch tries to listen again.
        listening = undefined;
        onListenError(error);
      },
    );
    return listening;
  };
  return {
    acquire(userId) {
      const n = open.get(userId) ?? 0;
      if (n >= perUser) return undefined;
      open.set(userId, n + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (open.get(userId) ?? 1) - 1;
        if (left <= 0) open.delete(userId);
        else open.set(userId, left);
      };
    },
    async watch(submissionId, wake) {
      let set = watchers.get(submissionId);
      if (set === undefined) {
        set = new Set();
        watchers.set(submissionId, set);
      }
      set.add(wake);
      await listen();
      return () => {
        set.delete(wake);
        if (set.size === 0 && watchers.get(submissionId) === set) watchers.delete(submissionId);
      };
    },
    openStreams: (userId) => open.get(userId) ?? 0,
  };
}
