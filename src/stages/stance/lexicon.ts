/** The stance cue lexicon (src/data/stance/cues.json), compiled into phrase matchers. */
import raw from '../../data/stance/cues.json' with { type: 'json' };

export interface Lexicon {
  cues: Record<string, Record<string, number>>;
  intensifiers: Record<string, number>;
  downtoners: Record<string, number>;
  hedges: string[];
  modals: Record<string, number>;
  negators: string[];
  implicatives: Record<string, number>;
  clauseBreaks: string[];
  contrast: { after: string[]; before: string[] };
  reporting: { affirm: string[]; distance: string[]; neutral: string[] };
  anaphora: { nouns: string[]; determiners: string[]; pronouns: string[]; genericHeads?: string[] };
  proposerNouns: string[];
  /** Nouns that refer back to the target after a possessive ("the mayor's proposal"). */
  possessiveNouns: string[];
  prepositions: string[];
  sourcePrepositions: string[];
  personPronouns: string[];
  genericHolders: string[];
  conditionals: string[];
  alternatives: string[];
  /** Cue sets whose cues count even with the target as their subject ("X will harm ..."). */
  targetSubjectSets: string[];
  /** Score of a negator right before a target name ("no <target>", "without a <target>"). */
  negatedTargetScore: number;
}

export const LEXICON: Lexicon = raw as unknown as Lexicon;

/** A phrase as words; '*' matches any one token. */
export type Phrase = string[];

export function phrase(s: string): Phrase {
  return s.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/-/g, ' - ').split(/\s+/).filter(Boolean);
}

/** Cue table for the given cue sets (later sets override earlier ones), as phrase -> score. */
export function cueTable(sets: readonly string[], lexicon: Lexicon = LEXICON): Map<string, number> {
  const out = new Map<string, number>();
  for (const set of sets) for (const [k, v] of Object.entries(lexicon.cues[set] ?? {})) out.set(k.toLowerCase(), v);
  return out;
}
