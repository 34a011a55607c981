/**
 * Line-shape predicates that recognize site chrome by general signals: length and shape, sentence
 * punctuation, URLs and e-mail addresses, and a small list of common chrome phrases kept in
 * src/data/normalize/chrome-phrases.txt. Nothing here knows any particular article.
 */
import { alternation, loadText, loadWordList } from '../../io/data.js';

export interface PhraseList {
  exact: Map<string, string>;
  prefix: Array<[string, string]>;
}

/** Parse the phrase file format: `[reason]` headers, one phrase per line, `#` comments, `*` = prefix. */
export function parsePhrases(source: string): PhraseList {
  const exact = new Map<string, string>();
  const prefix: Array<[string, string]> = [];
  let reason = 'chrome';
  for (const rawLine of source.split('\n')) {
    const line = rawLine.trim();
    if (!line || line.startsWith('#')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      reason = header[1]!;
      continue;
    }
    const phrase = line.toLowerCase();
    if (phrase.endsWith('*')) prefix.push([phrase.slice(0, -1), reason]);
    else exact.set(phrase, reason);
  }
  return { exact, prefix };
}

/** The shipped phrase list, under data/. */
const CHROME_PHRASES_FILE = 'normalize/chrome-phrases.txt';
/** The word lists the line-shape rules below embed (under data/). */
const CHROME_WORD_LISTS = ['normalize/bio-roles.txt', 'normalize/name-particles.txt', 'normalize/photo-agencies.txt', 'normalize/social-platforms.txt'] as const;
const words = (file: (typeof CHROME_WORD_LISTS)[number]): string => alternation(loadWordList(file).value);

let cached: PhraseList | undefined;

/** The shipped phrase list, parsed once. */
export function defaultPhrases(): PhraseList {
  cached ??= parsePhrases(loadText(CHROME_PHRASES_FILE).value);
  return cached;
}

const ALNUM = /[\p{L}\p{N}]/u;
const SPACE = /\s/;

/** Whitespace-separated words that contain a letter or digit. (A character loop: layout calls it for every line, often.) */
export function wordCount(text: string): number {
  let words = 0;
  let inWord = false;
  let counted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || (c >= 9 && c <= 13) || (c > 127 && SPACE.test(text[i]!));
    if (space) {
      inWord = false;
      continue;
    }
    if (!inWord) {
      inWord = true;
      counted = false;
    }
    if (!counted && ((c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || (c > 127 && ALNUM.test(String.fromCodePoint(text.codePointAt(i)!))))) {
      words++;
      counted = true;
    }
  }
  return words;
}

/** Lower-cased, quotes straightened, leading bullets/arrows and trailing `:`/`.`/arrows stripped. */
export function phraseKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[‘’`´]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/^[\s•·▪◦‣●○■□►▶»›←→|<>\-–—*]+/u, '')
    .replace(/[\s:.…»›←→|<>\-–—]+$/u, '')
    .trim();
}

/** Longest line (in words) a prefix phrase or a shape rule may remove: chrome lines are short. */
export const SHORT_LINE_WORDS = 12;

/** Prefix reasons whose lines are often whole sentences ("Sign up for our newsletter to ..."). */
const SENTENCE_PREFIX_REASONS = new Set(['subscription', 'end-of-page notice']);

export function matchPhrase(text: string, phrases: PhraseList): string | null {
  const key = phraseKey(text);
  if (!key) return null;
  const exact = phrases.exact.get(key);
  if (exact) return exact;
  if (wordCount(text) > SHORT_LINE_WORDS) return null;
  const sentence = isSentenceLike(text);
  for (const [p, reason] of phrases.prefix) {
    if (!key.startsWith(p) || (sentence && !SENTENCE_PREFIX_REASONS.has(reason))) continue;
    // "also read" must not match "also reading": the prefix ends at a word boundary.
    if (/\p{L}$/u.test(p) && /\p{L}/u.test(key.charAt(p.length))) continue;
    return reason;
  }
  return null;
}

/** Ends like a sentence (., !, ?, … possibly inside closing quotes/brackets), with a lower-case word. */
export function isSentenceLike(text: string): boolean {
  return wordCount(text) >= 3 && /\p{Ll}/u.test(text) && /[.!?…]["'”’»)\]]*$/u.test(text) && !isUrlOnly(text);
}

export function isBullet(text: string): boolean {
  return /^[•·▪◦‣●○■□➢►▶✓✔\-–—*]\s+\S/u.test(text);
}

export function isUrlOnly(text: string): boolean {
  return /^(?:https?:\/\/|www\.)\S+$/i.test(text);
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const SOCIAL_TAIL = new RegExp(`\\b(?:on|via|at|to)\\s+${words('normalize/social-platforms.txt')}\\s*$`, 'i');

/** "<Site> on Facebook", "Follow @site on X", "Share on LinkedIn": a short line naming a platform. */
export function isSocialLine(text: string): boolean {
  if (wordCount(text) > 8 || isSentenceLike(text)) return false;
  return SOCIAL_TAIL.test(text) || /^(?:follow|like|share)\b.*@\w+/i.test(text);
}

/** "Contact: someone@example.org", "Email: ...", or a short non-sentence line with an address. */
export function isContactLine(text: string): boolean {
  if (wordCount(text) > SHORT_LINE_WORDS) return false;
  if (/^(?:contact(?: us)?|e-?mail|mail|phone|tel|fax|write to(?: us)?|reach (?:us|me|the author))\s*(?:[:\-–]|at\b)/i.test(text)) return true;
  return EMAIL.test(text) && !isSentenceLike(text);
}

const AGENCY_TAIL = new RegExp(`${words('normalize/photo-agencies.txt')}\\)?\\s*$`, 'i');

/** Photo credits: "Credit: ...", "Photo: ...", "(Image by ...)", "... / Getty Images". */
export function isCreditLine(text: string): boolean {
  if (wordCount(text) > SHORT_LINE_WORDS + 4) return false;
  if (/^\(?(?:photo|image|picture|illustration|graphic|file photo|photograph|pic)s?(?:\s+credits?)?\s*(?:[:|©]|by\b|courtesy\b)/i.test(text)) return true;
  if (/^\(?(?:credits?|source|courtesy|©)\s*[:|]?\s/i.test(text) && !isSentenceLike(text)) return true;
  if (/^\(?(?:image|photo|picture|video)\s+(?:source|credit)s?\s*[,:]/i.test(text)) return true;
  // "Jane Roe / Reuters", "© AFP", or the agency alone on its line.
  return AGENCY_TAIL.test(text) && (/[/|©:]/.test(text) || wordCount(text) <= 3);
}

/** A labelled caption: "Image caption, ...", "Caption: ...", "Pictured: ...". */
export function isCaptionLine(text: string): boolean {
  return /^\(?(?:(?:image|photo|picture|video)\s+caption|caption|pictured|above|top|main image)\s*[,:]\s*\S/i.test(text) && wordCount(text) <= 40;
}

/**
 * A newsletter prompt: a line (<= 25 words) that opens with an imperative to sign up ("Sign up",
 * "Subscribe", "Get", "Join", "Enter your email", "Don't miss") and mentions a newsletter, an inbox
 * or an e-mail address ("Sign up for the Morning Briefing newsletter", "Get the best stories
 * delivered to your inbox"). A sentence about someone signing up has a subject first.
 */
export function isNewsletterPrompt(text: string): boolean {
  return (
    wordCount(text) <= 25 &&
    /^(?:sign[\s-]?up|subscribe|get|join|enter|receive|don['’]t miss|never miss|want more|like this)\b/i.test(text) &&
    /\b(?:newsletters?|inbox|e-?mail address|briefing)\b/i.test(text)
  );
}

/** "12 comments", "No comments", "1 Comment". */
export function isCommentCount(text: string): boolean {
  return /^(?:\d+|no|one)\s+(?:comments?|responses?|replies)\s*:?$/i.test(text);
}

const NAME_PARTICLE = new RegExp(`^${words('normalize/name-particles.txt')}$`);

/**
 * A person's name on its own: 2-4 capitalized words (initials, hyphens, apostrophes and a few
 * lower-case particles allowed), no sentence punctuation.
 */
export function isNameShaped(text: string): boolean {
  const parts = text.split(/\s+/);
  if (parts.length < 2 || parts.length > 5) return false;
  let capitalized = 0;
  for (const p of parts) {
    // "Anna", "O'Neil", "Smith-Jones", or an initial "J." / "JR"; not an all-caps word (a heading).
    if (/^\p{Lu}[\p{Ll}'’-][\p{L}'’-]*$/u.test(p) || /^\p{Lu}{1,2}\.?$/u.test(p)) capitalized++;
    else if (!NAME_PARTICLE.test(p)) return false;
  }
  return capitalized >= 2 && capitalized <= 4;
}

/**
 * A navigation menu: three or more short items (1-3 words) separated by `|`, `•`, `·`, `/`, `»`
 * or wide gaps, with no sentence punctuation ("Home | World | Politics").
 */
export function isMenuLine(text: string): boolean {
  const items = text.split(/\s+[|•·/»›]\s+|\s{3,}/).map((s) => s.trim()).filter(Boolean);
  return items.length >= 3 && items.every((i) => wordCount(i) <= 3 && !/[.!?]$/.test(i));
}

/** Role nouns of a short author bio's first sentence ("Jane Doe is a freelance reporter ..."). */
export const BIO_ROLE = new RegExp(`\\b(?:is|was)\\s+(?:a|an|the)\\s+(?:[\\w-]+\\s+){0,5}?${words('normalize/bio-roles.txt')}s?\\b`, 'i');
