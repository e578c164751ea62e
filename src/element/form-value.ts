/**
 * Taking part in a <form>: the value submitted under the element's `name` is
 * the configuration as JSON, and the element is invalid (so the form refuses
 * to submit) while the product is loading, incomplete or cannot be built.
 */
import type { CompiledModel } from '../rules/model.js';
import type { Evaluation } from '../rules/results.js';

export function updateFormState(
  internals: ElementInternals,
  model: CompiledModel | undefined,
  evaluation: Evaluation | undefined,
  missing: string[],
  anchor: HTMLElement | undefined,
): void {
  if (!model || !evaluation) {
    internals.setFormValue(null);
    internals.setValidity({ valueMissing: true }, 'The product is not configured yet.', anchor);
    return;
  }
  if (!evaluation.valid) {
    internals.setFormValue(null);
    internals.setValidity({ customError: true }, 'This combination cannot be built. Please change your choices.', anchor);
    return;
  }
  if (!evaluation.complete) {
    internals.setFormValue(null);
    internals.setValidity({ valueMissing: true }, `Please choose: ${missing.join(', ')}.`, anchor);
    return;
  }
  internals.setFormValue(JSON.stringify(evaluation.configuration));
  internals.setValidity({});
}
