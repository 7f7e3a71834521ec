/** A form's error message (announced to screen readers), or nothing. */
export function FormError({ error }: { error: string | null }) {
  if (error === null) return null;
  return (
    <p className="error" role="alert">
      {error}
    </p>
  );
}
