import { LearningCurveUpload } from './LearningCurveUpload';

/** The attached learning curve (if any) and the form to upload one. */
export function LearningCurvePanel({
  submissionId,
  points,
}: {
  submissionId: string;
  points: { step: number; return: number }[];
}) {
  return (
    <div>
      {points.length === 0 ? (
        <p className="muted">No learning curve attached yet.</p>
      ) : (
        <p data-testid="learning-curve-points">{points.length} points</p>
      )}
      <LearningCurveUpload submissionId={submissionId} />
    </div>
  );
}
