/** Evaluator placeholder: being built with its stage. */
import type { EvalContext } from './index.js';
import type { EvalSection } from './types.js';

export async function evalConll(ctx: EvalContext): Promise<EvalSection> {
  void ctx;
  return { name: 'conll', lines: [], metrics: {}, diffs: [], skipped: 'not yet implemented' };
}
