/**
 * Calibrated speaker confidence: src/data/quotes/confidence.tsv, fitted by
 * scripts/calibrate-quotes.ts (PolNeAR train for the source mention, the real-world dev sets for
 * pronoun and descriptor resolution; see that script). Keys are `direct|indirect:<speaker rule>`,
 * with `direct|indirect:*<resolution>` for rules too rare to fit alone.
 */
import { loadText } from '../../io/data.js';

let table: Map<string, number> | undefined;

/** The fitted table, key -> confidence in [0, 1]. Throws when the data file is missing. */
export function confidenceTable(): ReadonlyMap<string, number> {
  if (table) return table;
  table = new Map();
  for (const line of loadText('quotes/confidence.tsv').value.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [key, value] = line.split('\t');
    const x = Number(value);
    if (key && Number.isFinite(x)) table.set(key, Math.min(1, Math.max(0, x)));
  }
  return table;
}

/**
 * Confidence that a record's speaker is right: the fitted value of its (kind, speaker rule), else
 * of its (kind, resolution), else `fallback` (the rule's own estimate).
 */
export function calibratedConfidence(kind: 'direct' | 'indirect', rule: string, resolution: string, fallback: number): number {
  const t = confidenceTable();
  return t.get(`${kind}:${rule}`) ?? t.get(`${kind}:*${resolution}`) ?? fallback;
}
