import { LearningCurve } from '~/components/charts/LearningCurve';
import { LearningCurveUpload } from './LearningCurveUpload';

/** The attached learning curve (if any) and the form to upload or replace it. */
export function LearningCurvePanel({
  submissionId,
  points,
  threshold,
}: {
  submissionId: string;
  points: { step: number; return: number }[];
  threshold?: number | null;
}) {
  return (
    <div>
      {points.length === 0 ? (
        <p className="muted">No learning curve attached yet.</p>
      ) : (
        <LearningCurve points={points} threshold={threshold ?? null} title="Training return" />
      )}
      <LearningCurveUpload submissionId={submissionId} />
    </div>
  );
}
