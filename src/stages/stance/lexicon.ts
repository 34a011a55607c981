/** The stance cue lexicon (data/stance/cues.json, validated on load), compiled into phrase matchers. */
import { z } from 'zod';
import { loadJson } from '../../io/data.js';

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
  anaphora: {
    nouns: string[];
    determiners: string[];
    pronouns: string[];
    /** Pronouns that make a following anaphoric noun possessive ("its proposal"). */
    possessivePronouns: string[];
    /** Words that keep "<word> <noun> of ..." an anaphor ("this idea of ..."); without one, "of" + new content is about something else. */
    beforeOf: string[];
    /** Generic head nouns ("system", "plan") that a name's head noun makes specific. */
    genericHeads?: string[];
  };
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

const words = z.array(z.string().min(1));
const scores = z.record(z.string(), z.number());
/** The schema of cues.json (the `Lexicon` interface, checked). */
const LexiconSchema = z.strictObject({
  _about: z.string().optional(),
  cues: z.record(z.string(), scores),
  intensifiers: scores,
  downtoners: scores,
  hedges: words,
  modals: scores,
  negators: words,
  implicatives: scores,
  clauseBreaks: words,
  contrast: z.strictObject({ after: words, before: words }),
  reporting: z.strictObject({ affirm: words, distance: words, neutral: words }),
  anaphora: z.strictObject({ nouns: words, determiners: words, pronouns: words, possessivePronouns: words, beforeOf: words, genericHeads: words.optional() }),
  proposerNouns: words,
  possessiveNouns: words,
  prepositions: words,
  sourcePrepositions: words,
  personPronouns: words,
  genericHolders: words,
  conditionals: words,
  alternatives: words,
  targetSubjectSets: words,
  negatedTargetScore: z.number(),
});

/** The lexicon file, under data/. */
const LEXICON_FILE = 'stance/cues.json';

export const LEXICON: Lexicon = loadJson(LEXICON_FILE, LexiconSchema).value;

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
