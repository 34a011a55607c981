/**
 * The trained entity tagger: loads `src/data/entities/tagger.bin` once per process (so once per
 * worker) and tags a document's shared wink tokens into PER/ORG/LOC/MISC spans.
 * Training: `npm run train -- entities` (src/scripts/train.ts).
 */
import { gazetteer } from '../gazetteer.js';
import { loadBytes } from '../../../io/data.js';
import { decodeBeam, spansOf, type TaggedSpan } from './decode.js';
import { tokenColumns, type TaggerInput, type TokenColumns } from './features.js';
import { TaggerModel } from './model.js';

export type { TaggedSpan } from './decode.js';
export type { TaggerInput } from './features.js';

/** The weights file under data/ (src/data when run from source, dist/data when built). */
export const TAGGER_WEIGHTS_FILE = 'entities/tagger.bin';

/** Default beam width at inference (chosen on CoNLL dev: see README; the stage option `tagger.beam`). */
export const BEAM = 2;

let model: TaggerModel | undefined;

/** The model, read on first use. Throws when the weights file is missing or malformed. */
export function taggerModel(): TaggerModel {
  model ??= TaggerModel.fromBytes(loadBytes(TAGGER_WEIGHTS_FILE).value);
  return model;
}

/** Tag `input` with `m` (default: the shipped model): spans in token order, inclusive token indexes. */
export function tagSpans(input: TaggerInput, m: TaggerModel = taggerModel(), beam = BEAM): TaggedSpan[] {
  return tagColumns(tokenColumns(input, gazetteer(), true), m, beam);
}

/** Tag precomputed columns (see `tokenColumns`) with a beam of `beam` (1-16). */
export function tagColumns(cols: TokenColumns, m: TaggerModel = taggerModel(), beam = BEAM): TaggedSpan[] {
  const tags = new Uint8Array(cols.n);
  const margins = new Float32Array(cols.n);
  decodeBeam(cols, m, tags, margins, beam);
  return spansOf(tags, margins);
}
