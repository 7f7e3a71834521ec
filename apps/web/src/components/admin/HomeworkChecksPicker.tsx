'use client';
import { useState } from 'react';
import { SelectField } from '~/components/forms/SelectField';
import type { HomeworkCheckView, HomeworkInfo } from '~/lib/client/api-contract';

/** A check as the assignment API takes it. */
export interface CheckSpecInput {
  name: string;
  cases: number;
  visibleCases: number;
  points: number;
}

/** What the picker chose: a whole homework by id, or some of its checks one by one. */
export type ChecksChoice = { homework: string } | { checks: CheckSpecInput[] };

function specOf(c: HomeworkCheckView): CheckSpecInput {
  const visible = c.visible ?? 3;
  return { name: c.functionName, cases: visible + (c.hidden ?? 12), visibleCases: visible, points: c.points };
}

/** Picks a homework of the catalogue and which of its checks to grade; reports the choice on each change. */
export function HomeworkChecksPicker({
  homeworks,
  onChange,
}: {
  homeworks: HomeworkInfo[];
  onChange: (choice: ChecksChoice) => void;
}) {
  const [homeworkId, setHomeworkId] = useState(homeworks[0]?.id ?? '');
  const homework = homeworks.find((h) => h.id === homeworkId);
  const checks = homework?.checks ?? [];
  const [excluded, setExcluded] = useState<ReadonlySet<string>>(new Set());
  function report(id: string, off: ReadonlySet<string>) {
    const h = homeworks.find((x) => x.id === id);
    const all = h?.checks ?? [];
    onChange(off.size === 0 ? { homework: id } : { checks: all.filter((c) => !off.has(c.id)).map(specOf) });
  }
  return (
    <fieldset className="stack">
      <legend>Homework checks</legend>
      <SelectField
        label="Homework"
        value={homeworkId}
        onChange={(e) => {
          setHomeworkId(e.target.value);
          setExcluded(new Set());
          report(e.target.value, new Set());
        }}
      >
        {homeworks.map((h) => (
          <option key={h.id} value={h.id}>
            {h.title} ({h.id})
          </option>
        ))}
      </SelectField>
      {checks.map((c) => (
        <label key={c.id} className="inline">
          <input
            type="checkbox"
            checked={!excluded.has(c.id)}
            onChange={(e) => {
              const next = new Set(excluded);
              if (e.target.checked) next.delete(c.id);
              else next.add(c.id);
              setExcluded(next);
              report(homeworkId, next);
            }}
          />
          Include {c.title} (<code>{c.functionName}</code>, {c.points} points)
        </label>
      ))}
    </fieldset>
  );
}
