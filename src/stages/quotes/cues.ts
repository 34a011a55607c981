/**
 * The reporting-verb lexicon (src/data/quotes/reporting-verbs.txt) and small word lists the
 * quotes stage uses: titles, group nouns, media, pronouns. Loaded once per process.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { wordList } from './lexicon.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Parse a lexicon file: one lower-case form per line, `#` comments. */
export function parseLexicon(text: string): Set<string> {
  const out = new Set<string>();
  for (const line of text.split('\n')) {
    const w = line.trim().toLowerCase();
    if (w && !w.startsWith('#')) out.add(w);
  }
  return out;
}

let verbs: Set<string> | undefined;
/** Reporting verbs (surface forms and lemmas). Works from src/ (tsx, vitest) and dist/. */
export function reportingVerbs(): Set<string> {
  if (verbs) return verbs;
  const candidates = [
    path.resolve(here, '../../data/quotes/reporting-verbs.txt'),
    path.resolve(here, '../../../src/data/quotes/reporting-verbs.txt'),
  ];
  const file = candidates.find((f) => existsSync(f));
  if (!file) throw new Error(`quotes: reporting-verbs.txt not found (looked in ${candidates.join(', ')})`);
  verbs = parseLexicon(readFileSync(file, 'utf8'));
  // Verbs of evaluation and intention that news attribution corpora (PolNeAR) count as attributions.
  for (const w of EXTRA_VERBS) verbs.add(w);
  // Forms that are reporting verbs only in other senses most of the time.
  for (const w of ['present', 'presenting', 'presents', 'release', 'released', 'releases', 'releasing', 'order', 'continue', 'continued', 'continues', 'continuing', 'finding', 'finds', 'decline', 'laugh', 'laughed', 'laughing', 'laughs', 'ensure', 'ensured', 'ensures', 'ensuring', 'demonstrate', 'demonstrated', 'demonstrates', 'demonstrating', 'illustrate', 'illustrated', 'illustrates', 'illustrating', 'worry', 'fear', 'hope', 'charge', 'cite', 'estimate', 'estimated', 'estimates', 'speak', 'speaking', 'speaks', 'spoke', 'spoken', 'label', 'labeled', 'labelled', 'quote', 'quoted', 'according', 'counter', 'countered', 'countering', 'counters', 'answer', 'answered', 'answers', 'present', 'remind', 'reminds', 'inform', 'informs', 'observe', 'respond', 'responded', 'responds', 'responding'])
    verbs.delete(w);
  // Weak attitude cues (taken only with an animate subject, see reported.ts).
  for (const w of parseLexicon(readFileSync(file.replace(/reporting-verbs\.txt$/, 'attitude-verbs.txt'), 'utf8'))) verbs.add(w);
  return verbs;
}

/** Words that are titles or roles before or around a name (kept in the mention text, not in the name). */
export const TITLE_WORDS = new Set(
  `mr mrs ms miss dr prof professor sir dame lord lady rev gen general col colonel lt capt captain adm admiral sgt
  president vice prime minister ministers secretary assistant deputy undersecretary under chief spokesman spokeswoman spokesperson
  senator sen rep representative congressman congresswoman governor gov mayor ambassador envoy chairman chairwoman chair
  director head leader commander judge justice attorney speaker premier chancellor king queen prince princess
  foreign defence defense external affairs finance interior home state trade economy justice former then current
  acting senior top official officials candidate nominee democratic republican gop democrat press campaign manager
  spokesmen aide adviser advisor analyst scholar professor researcher expert executive ceo founder fellow lawmaker
  emperor pope cardinal bishop president-elect sec pres co-chairman co-chair commissioner`.split(/\s+/),
);

/** Role nouns a descriptor can end in (`the Finnish minister`, `the former Trade Minister of Chile`). */
export const ROLE_NOUNS = new Set(
  `minister president secretary spokesman spokeswoman spokesperson senator governor mayor ambassador envoy chairman
  chairwoman leader commander chief director premier chancellor official diplomat candidate nominee lawmaker congressman
  congresswoman representative adviser advisor aide analyst scholar expert professor general admiral king queen emperor
  prime-minister president-elect head executive judge attorney manager strategist economist co-chairman co-chair commissioner`.split(/\s+/),
);

/** Plural group nouns (`Brazilian officials`). */
export const GROUP_NOUNS = new Set(
  `officials diplomats leaders authorities analysts experts lawmakers ministers politicians sources critics observers
  scholars officers spokesmen representatives commentators economists strategists government administration`.split(/\s+/),
);

/** Media that report speech rather than speak (`Reuters has quoted X as saying`). */
export const MEDIA = new Set(
  `reuters ap afp bloomberg xinhua kyodo yonhap cnn bbc nhk`.split(/\s+/),
);

export const PERSON_PRONOUNS = new Set(['he', 'she', 'him', 'his', 'her', 'hers', 'himself', 'herself']);
export const GROUP_PRONOUNS = new Set(['they', 'them', 'their', 'it', 'its', 'we']);
export const FIRST_PERSON = new Set(['i', 'we', 'me', 'us', 'my', 'our', 'you']);

/** Auxiliaries and adverbs allowed between a subject and its cue (`has also repeatedly said`). */
export const BETWEEN_SUBJECT_AND_CUE = new Set(
  `has have had is was were are be been being will would could should may might can did does do also has reportedly
  repeatedly previously later earlier then recently publicly privately once again further explicitly strongly outright
  already often frequently never not n't just even still openly seemingly allegedly himself herself itself themselves
  all both firmly flatly clearly simply separately today yesterday tonight ’s 's ’re 're ’ve 've ’d 'd ’ll 'll`.split(/\s+/),
);

/** Nouns that, possessed by a source, introduce reported content (`Her position was ... that`). */
export const STANCE_NOUNS = new Set(['stance', 'view', 'position', 'argument', 'claim', 'belief', 'assessment', 'statement', 'message', 'warning', 'opinion']);

/** Words that head an organization name (src/data/quotes/org-words.txt). */
export const ORG_WORDS = wordList('org-words');

export const MONTHS_DAYS = new Set(
  `january february march april may june july august september october november december monday tuesday wednesday
  thursday friday saturday sunday`.split(/\s+/),
);

/** Lemmas added to the lexicon: evaluation, intention and belief verbs (`praised`, `vowed`, `wants`). */
const EXTRA_VERBS = `praise criticize criticise dismiss accuse blast slam attack reject defend pan vow pledge want plan seek
  expect think believe doubt feel know hope fear agree disagree propose demand call repeat recommend condemn applaud
  welcome oppose support endorse question challenge mention describe acknowledge concede threaten predict suggest signal
  decry lament complain boast brag joke quip muse retort recall recount reveal confess insist contend maintain caution
  counsel advise wonder emphasise emphasize stress urge push promise`.split(/\s+/);
