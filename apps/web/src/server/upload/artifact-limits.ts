import type { Assignment } from '@critic/db';
import { type ArtifactLimits, DEFAULT_ARTIFACT_LIMITS } from '@critic/runner';

/**
 * The artifact limits of an assignment, the same the grader applies: its size limit bounds models,
 * sources and unzipped bytes, so an upload accepted here is not refused later for its size.
 */
export function artifactLimitsOf(a: Assignment): ArtifactLimits {
  return {
    ...DEFAULT_ARTIFACT_LIMITS,
    maxSourceBytes: Math.min(a.maxArtifactBytes, DEFAULT_ARTIFACT_LIMITS.maxSourceBytes),
    maxModelBytes: a.maxArtifactBytes,
    maxZipBytes: Math.max(a.maxArtifactBytes, DEFAULT_ARTIFACT_LIMITS.maxZipBytes),
  };
}
