/** A form's error message (announced to screen readers), or nothing; its line breaks are kept (a roster refusal lists one bad line per line). */
export function FormError({ error }: { error: string | null }) {
  if (error === null) return null;
  return (
    <p className="error" role="alert" style={{ whiteSpace: 'pre-line' }}>
      {error}
    </p>
  );
}
