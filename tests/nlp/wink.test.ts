import { describe, expect, it } from 'vitest';
import { analyze, wink } from '../../src/nlp/wink.js';

// Text written for this test. wink learns the token "U.N" from the first text, and that changes
// how "U.N." is tokenized in the second unless the cache is reset between documents.
const priming = 'Critics at the U.N, officials said, were wrong.';
const probe = 'Officials said the country is violating U.N. Security Council resolutions, which he added “is deeply regrettable.” Others agreed.';

describe('the shared wink pass', () => {
  it('does not depend on the documents read before (wink cache reset per document)', () => {
    const fresh = JSON.stringify(analyze(probe));
    analyze(priming);
    expect(JSON.stringify(analyze(probe))).toBe(fresh);
  });

  it('the state it guards against is real: raw wink without the reset changes its tokens', () => {
    const nlp = wink();
    const tokens = () => JSON.stringify(nlp.readDoc(probe).tokens().out());
    analyze('x'); // back to the pristine state
    const before = tokens();
    analyze('x');
    nlp.readDoc(priming);
    expect(tokens()).not.toBe(before);
    analyze('x');
  });
});
