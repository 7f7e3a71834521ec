import { SelectField } from '~/components/forms/SelectField';
import { fieldChoice, fieldInstant, fieldNumber } from '~/lib/client/form-fields';

const VISIBILITIES = ['public', 'after_due', 'hidden'] as const;

/** The window, late policy, limits and board visibility of an assignment, as its form shows them. */
export interface AssignmentSettings {
  /** `datetime-local` values (the browser's wall clock); '' for none. */
  opensAt: string;
  dueAt: string;
  lateUntil: string;
  latePenalty: number;
  maxDailySubmissions: number;
  maxArtifactMb: number;
  wallTimeS: number;
  actTimeMs: number;
  memoryMb: number;
  leaderboardVisibility: (typeof VISIBILITIES)[number];
}

/** An instant as a `datetime-local` value in the browser's time zone, to the minute. */
export function localInput(at: Date): string {
  return new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** The settings a new assignment starts from: open since yesterday, due in two weeks, the default limits. */
export function newAssignmentSettings(now = new Date()): AssignmentSettings {
  const day = 86_400_000;
  const minute = (t: number) => new Date(Math.floor(t / 60_000) * 60_000);
  return {
    opensAt: localInput(minute(now.getTime() - day)),
    dueAt: localInput(minute(now.getTime() + 14 * day)),
    lateUntil: '',
    latePenalty: 0,
    maxDailySubmissions: 5,
    maxArtifactMb: 50,
    wallTimeS: 600,
    actTimeMs: 50,
    memoryMb: 512,
    leaderboardVisibility: 'public',
  };
}

/** The submitted settings in the API's units (ISO instants, bytes, ms); a field left empty is undefined. */
export function readAssignmentSettings(f: FormData) {
  const mb = fieldNumber(f, 'maxArtifactMb');
  const wallS = fieldNumber(f, 'wallTimeS');
  return {
    opensAt: fieldInstant(f, 'opensAt'),
    dueAt: fieldInstant(f, 'dueAt'),
    lateUntil: fieldInstant(f, 'lateUntil'),
    latePenalty: fieldNumber(f, 'latePenalty'),
    maxDailySubmissions: fieldNumber(f, 'maxDailySubmissions'),
    maxArtifactBytes: mb === undefined ? undefined : Math.round(mb * 1e6),
    wallTimeMs: wallS === undefined ? undefined : wallS * 1000,
    actTimeMs: fieldNumber(f, 'actTimeMs'),
    memoryMb: fieldNumber(f, 'memoryMb'),
    leaderboardVisibility: fieldChoice(f, 'leaderboardVisibility', VISIBILITIES),
  };
}

/** The form fields of {@link AssignmentSettings}, shared by the create and edit forms. */
export function AssignmentSettingsFields({ initial }: { initial: AssignmentSettings }) {
  return (
    <>
      <label>
        Opens at
        <input name="opensAt" type="datetime-local" required defaultValue={initial.opensAt} />
      </label>
      <label>
        Due at
        <input name="dueAt" type="datetime-local" required defaultValue={initial.dueAt} />
      </label>
      <label>
        Late submissions until
        <input name="lateUntil" type="datetime-local" defaultValue={initial.lateUntil} />
      </label>
      <label>
        Late penalty (fraction 0–1)
        <input
          name="latePenalty"
          type="number"
          min={0}
          max={1}
          step={0.05}
          defaultValue={initial.latePenalty}
        />
      </label>
      <label>
        Daily submission limit
        <input name="maxDailySubmissions" type="number" min={1} defaultValue={initial.maxDailySubmissions} />
      </label>
      <label>
        Max artifact size (MB)
        <input
          name="maxArtifactMb"
          type="number"
          min={0.01}
          step={0.01}
          defaultValue={initial.maxArtifactMb}
        />
      </label>
      <label>
        Wall-time limit (s)
        <input name="wallTimeS" type="number" min={1} defaultValue={initial.wallTimeS} />
      </label>
      <label>
        Time per action (ms)
        <input name="actTimeMs" type="number" min={1} defaultValue={initial.actTimeMs} />
      </label>
      <label>
        Memory limit (MB)
        <input name="memoryMb" type="number" min={64} defaultValue={initial.memoryMb} />
      </label>
      <SelectField
        label="Leaderboard visibility"
        name="leaderboardVisibility"
        defaultValue={initial.leaderboardVisibility}
      >
        <option value="public">public</option>
        <option value="after_due">after the due date</option>
        <option value="hidden">hidden</option>
      </SelectField>
    </>
  );
}
