import type { PolicySpec } from '@critic/runner';
import { ApiError } from '../api-error';

/** `units` of the last layer that declares them, in a Sequential or functional Keras topology. */
function lastUnits(topology: unknown): number | undefined {
  const t = topology as { model_config?: { config?: unknown }; config?: unknown } | undefined;
  const config = (t?.model_config?.config ?? t?.config) as { layers?: unknown } | undefined;
  if (!Array.isArray(config?.layers)) return undefined;
  for (let i = config.layers.length - 1; i >= 0; i--) {
    const units = (config.layers[i] as { config?: { units?: unknown } } | undefined)?.config?.units;
    if (typeof units === 'number') return units;
  }
  return undefined;
}

/**
 * The runner checks a tfjs model's input width; this checks its output width too (the last Dense
 * layer's units) against the action space: n logits for Discrete(n), `size` means for a Box.
 */
export function checkTfjsOutputWidth(modelJson: Uint8Array, spec: PolicySpec): void {
  const json = JSON.parse(new TextDecoder().decode(modelJson)) as { modelTopology?: unknown };
  const units = lastUnits(json.modelTopology);
  const want = spec.action.type === 'discrete' ? spec.action.n : spec.action.size;
  if (units === undefined || units === want) return;
  const what =
    spec.action.type === 'discrete'
      ? `one logit per action of Discrete(${want})`
      : `one mean per action dimension`;
  throw new ApiError(
    422,
    'invalid_artifact',
    `model.json: the model's output has ${units} units; the env's action space needs ${want} (${what}) (expected [batch, ${want}], found [batch, ${units}])`,
    { field: 'file' },
  );
}
