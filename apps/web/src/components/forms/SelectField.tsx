import { type SelectHTMLAttributes, useId } from 'react';

/**
 * A labelled `<select>`: the label is a sibling tied by `htmlFor`, so its accessible name is the label
 * alone (a wrapping `<label>` would also take in the option texts).
 */
export function SelectField({
  label,
  ...props
}: { label: string } & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} {...props} />
    </div>
  );
}
