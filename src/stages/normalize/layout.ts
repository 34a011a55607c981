/**
 * Where the article is in a copy-pasted page: which lines are chrome (and why), which line is the
 * headline, where the body starts and ends. Works on the non-blank lines only.
 *
 * The body runs from the first to the last sentence-shaped line that no chrome rule claims. Above
 * it (the head) sit the headline, datelines, bylines, section labels and teaser bullets; below it
 * (the tail) sit author bios, share rows, comment prompts and links to other articles. Inside the
 * body only lines with a strong chrome signal are taken out, and never a sentence-shaped line
 * unless a specific rule (caption beside a credit, author bio, duplicate) explains it.
 */
import { alternation, loadWordList } from '../../io/data.js';
import type { Line } from './clean.js';
import {
  BIO_ROLE,
  isBullet,
  isCaptionLine,
  isMenuLine,
  isNewsletterPrompt,
  isCommentCount,
  isContactLine,
  isCreditLine,
  isNameShaped,
  isSentenceLike,
  isSocialLine,
  isUrlOnly,
  matchPhrase,
  wordCount,
  type PhraseList,
} from './chrome.js';
import { SITE_WORD, isAuthorName, isRole, joinNames, parseAuthors, parseByline, parseDateline, parseWireDateline, type Byline, type Dateline, type WireDateline } from './metadata.js';
import { continuesSentence, findContinuations } from './wrap.js';

export { findContinuations } from './wrap.js';

export interface Layout {
  /** Raw line number -> why it is chrome (what removeChrome takes out). */
  chrome: Map<number, string>;
  /** The headline line, if any. */
  headline: Line | null;
  bylines: Array<{ line: number } & Byline>;
  datelines: Array<{ line: number } & Dateline>;
  /** A wire dateline opening the body's first line ("LONDON, March 3 (Reuters) - "), kept out of the text. */
  wireDateline: ({ line: number } & WireDateline) | null;
  /** Raw line number -> the part of the line's `text` that goes into the document text (wire dateline, site suffix cut off). */
  cuts: Map<number, { start: number; end: number }>;
  /** Site name cut off the headline (" | Site"), or null. */
  site: string | null;
  /** Name from a lone name line just above an author bio. */
  bioAuthor: string | null;
  /** False when no sentence-shaped line was found: head/tail rules were not applied. */
  bodyFound: boolean;
  /** Lines of a hard-wrapped file that continue the line above (joined when chrome is removed). */
  continuations: Set<number>;
}

/** Words after which a line is a capitalized name's bio: "Jane Doe is a ...", "Jane Doe writes ...". */
const BIO_VERBS_FILE = 'normalize/bio-verbs.txt';
const BIO_VERB = new RegExp(`^${alternation(loadWordList(BIO_VERBS_FILE).value)}\\b`);

/** Words that make a credit line a picture credit (one that has a caption). */
const IMAGE_CREDIT = /photo|image|picture|pic\b|credit|illustration|getty|reuters|afp|\bap\b|shutterstock|istock|alamy|epa|unsplash|©/i;

/** Navigation labels after which the tail lists other articles. */
const RELATED_LINKS = 'related links';
const NAV_REASONS = new Set(['navigation', RELATED_LINKS]);
/** Most links taken from one related-links list. */
const MAX_LIST_LINKS = 10;

/** A headline: 2-30 words, not a sentence ending in a period, not a URL, address or bullet. */
function isHeadlineShaped(text: string): boolean {
  const words = wordCount(text);
  return words >= 2 && words <= 30 && text.length <= 250 && !/\.["'”’)\]]*$/.test(text) && !isUrlOnly(text) && !isBullet(text) && !/@\w/.test(text);
}

/** Does `bio` read as the bio of `name` ("<name> is a sophomore at ...")? */
function isBioOf(bio: string, name: string): boolean {
  return bio.startsWith(name + ' ') && BIO_VERB.test(bio.slice(name.length + 1)) && isSentenceLike(bio);
}

export function analyzeLayout(lines: readonly Line[], phrases: PhraseList): Layout {
  const chrome = new Map<number, string>();
  const bylines: Layout['bylines'] = [];
  const datelines: Layout['datelines'] = [];
  const mark = (l: Line, reason: string) => {
    if (!chrome.has(l.line)) chrome.set(l.line, reason);
  };
  /** Same paragraph block in the raw file (no blank line between). */
  const adjacent = (a: Line | undefined, b: Line | undefined) => !!a && !!b && Math.abs(a.line - b.line) === 1;

  // 1. Line-local signals, valid anywhere in the file.
  const credits: number[] = [];
  lines.forEach((l, i) => {
    const t = l.text;
    const prev = lines[i - 1];
    // A line that carries on the sentence above is text, however often it repeats.
    const continuing = continuesSentence(prev, l);
    if (prev && prev.text === t && !continuing && (adjacent(prev, l) || !isSentenceLike(t))) return mark(l, 'repeated line');
    const dateline = parseDateline(t);
    if (dateline) {
      datelines.push({ line: l.line, ...dateline });
      return mark(l, 'dateline');
    }
    // "Posted on March 3, 2024 by Jane Doe": a dateline with the byline after it.
    const dated = /^(.*?\S)\s+by\s+(\S.*)$/i.exec(t);
    const datePart = dated ? parseDateline(dated[1]!) : null;
    if (dated && datePart && wordCount(dated[2]!) <= 5) {
      datelines.push({ line: l.line, ...datePart });
      const authors = parseAuthors(dated[2]!);
      if (authors) bylines.push({ line: l.line, author: joinNames(authors.map((a) => a.name)), authors, date: datePart.date, updated: datePart.updated });
      return mark(l, 'dateline');
    }
    const byline = parseByline(t);
    if (byline) {
      bylines.push({ line: l.line, ...byline });
      return mark(l, 'byline');
    }
    const phrase = matchPhrase(t, phrases);
    if (phrase) return mark(l, phrase);
    if (isNewsletterPrompt(t)) return mark(l, 'subscription');
    if (isUrlOnly(t)) return mark(l, 'link');
    if (isMenuLine(t)) return mark(l, 'navigation');
    if (isSocialLine(t)) return mark(l, 'share or social');
    if (isContactLine(t)) return mark(l, 'contact line');
    if (isCommentCount(t)) return mark(l, 'comment prompt');
    if (isCaptionLine(t)) return mark(l, 'image caption');
    if (isCreditLine(t)) {
      credits.push(i);
      return mark(l, IMAGE_CREDIT.test(t) ? 'image credit' : 'source line');
    }
  });
  // The caption of a credit is the line right above it in the same block (else the one right
  // below): only one, so body text that merely touches the credit stays. The first line not
  // already chrome is the headline's place, not a caption's.
  const headlinePlace = lines.find((l) => !chrome.has(l.line));
  for (const i of credits) {
    const credit = lines[i]!;
    // A bare agency name ("Reuters") is too weak a signal to take a neighbour with it, and a data
    // source ("Source: Eurostat") sits under a chart, next to prose that must stay.
    if (!/[:,/|©]/.test(credit.text) || !IMAGE_CREDIT.test(credit.text)) continue;
    const isCaption = (n: Line | undefined) =>
      !!n && n !== headlinePlace && adjacent(n, credit) && wordCount(n.text) <= 30 && !chrome.has(n.line) && headAuthor(n.text) === null;
    // A credit that carries its own caption ("Image: <caption>. Photograph: <credit>") takes none.
    if (wordCount(credit.text) > 8 && /[.!?]\s+\S/.test(credit.text)) continue;
    if (isCaption(lines[i - 1])) mark(lines[i - 1]!, 'image caption');
    else if (isCaption(lines[i + 1])) mark(lines[i + 1]!, 'image caption');
  }
  // Later duplicates of a short non-sentence line ("Next", a repeated dateline) anywhere.
  const seen = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (seen.has(l.text) && !isSentenceLike(l.text) && wordCount(l.text) <= SHORT_DUP_WORDS && !continuesSentence(lines[i - 1], l)) mark(l, 'repeated line');
    seen.add(l.text);
  }

  // 2. Author bios: a lone name line directly followed by "<that name> is/was/writes ...".
  let bioAuthor: string | null = null;
  lines.forEach((l, i) => {
    const next = lines[i + 1];
    if (!next || chrome.has(l.line) || !isNameShaped(l.text) || !isBioOf(next.text, l.text)) return;
    bioAuthor ??= l.text;
    mark(l, 'author name (above bio)');
    mark(next, 'author bio');
  });
  // ...or, near the end, a sentence about a byline's author, or "<Name> is a <role> ..." alone.
  lines.slice(-4).forEach((l, k, tail) => {
    if (chrome.has(l.line)) return;
    const name = /^\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){1,3}(?=\s)/u.exec(l.text)?.[0];
    const aboutAuthor = bylines.some((b) => b.authors.some((a) => isBioOf(l.text, a.name)));
    const roleBio = k >= tail.length - 2 && !!name && isNameShaped(name) && isBioOf(l.text, name) && BIO_ROLE.test(l.text) && wordCount(l.text) <= 60;
    if (aboutAuthor || roleBio) {
      mark(l, 'author bio');
      if (roleBio) bioAuthor ??= name!;
    }
  });

  // 3. Hard-wrapped text: lines that continue the previous one form one unit (one paragraph
  //    when chrome is removed), so a wrapped first paragraph is not mistaken for head chrome.
  const free = lines.filter((l) => !chrome.has(l.line));
  const continuations = findContinuations(free);
  const units: Line[][] = [];
  for (const l of free) {
    if (continuations.has(l.line)) units[units.length - 1]!.push(l);
    else units.push([l]);
  }
  const unitText = (u: Line[]) => u.map((l) => l.text).join(' ');

  // 4. Body bounds. A short question is a headline ("Is the plan dead?"), not the body's start.
  const startsBody = (u: Line[]) => {
    const t = unitText(u);
    return isSentenceLike(t) && !isBullet(t) && wordCount(t) >= 5 && !(t.endsWith('?') && u.length === 1 && wordCount(t) < 12);
  };
  const firstBody = units.findIndex(startsBody);
  if (firstBody < 0) return { chrome, headline: null, bylines, datelines, bioAuthor, bodyFound: false, continuations, wireDateline: null, cuts: new Map(), site: null };
  // Lines right after a navigation label ("Next") are links to other articles: one per label.
  // Under a related-links label ("You may also like", "Most read") the links form a list: every
  // title-shaped line of the list goes, wherever it sits (a list in mid-article too), up to
  // MAX_LIST_LINKS; the list ends at a sentence-shaped line or another chrome line.
  const afterNav = new Set<number>();
  lines.forEach((l, i) => {
    const reason = chrome.get(l.line) ?? '';
    // Only a bare label ("Next", "Related stories"), not "Read more: <title>" which is its own link.
    if (!NAV_REASONS.has(reason) || wordCount(l.text) > 5 || l.text.includes(':')) return;
    const list = reason === RELATED_LINKS;
    let taken = 0;
    for (let k = i + 1; k < lines.length && taken < (list ? MAX_LIST_LINKS : 1); k++) {
      const n = lines[k]!;
      if (chrome.has(n.line)) {
        if (taken === 0 && (NAV_REASONS.has(chrome.get(n.line)!) || chrome.get(n.line) === 'repeated line')) continue;
        break;
      }
      // An article title, not a sentence: short, not ending with a period or exclamation mark.
      if (wordCount(n.text) > 25 || /[.!]["'”’)\]]*$/u.test(n.text) || (taken > 0 && isSentenceLike(n.text))) break;
      afterNav.add(n.line);
      taken++;
      if (list) mark(n, 'link to another article');
    }
  });
  // A comment prompt in the second half of the file, after the body started, opens the reader
  // comments: what follows is not the article.
  const bodyStartLine = units[firstBody]![0]!.line;
  const commentsFrom =
    lines.find((l, i) => chrome.get(l.line) === 'comment prompt' && l.line > bodyStartLine && i >= lines.length / 2)?.line ?? Infinity;
  let lastBody = units.length - 1;
  const notBodyEnd = (u: Line[]) => !isSentenceLike(unitText(u)) || afterNav.has(u[0]!.line) || u[0]!.line > commentsFrom;
  while (lastBody > firstBody && notBodyEnd(units[lastBody]!)) lastBody--;

  // 5. Head: the headline is the longest headline-shaped line; labels go, and so do teaser
  //    bullets ("Highlights" / "Key points" lists above the body): they summarize the article
  //    rather than belong to it, and the body is taken to start at its first prose paragraph.
  const head = units.slice(0, firstBody);
  let headline: Line | null = null;
  for (const u of head) {
    const l = u[0]!;
    if (u.length === 1 && isHeadlineShaped(l.text) && (!headline || wordCount(l.text) > wordCount(headline.text))) headline = l;
  }
  for (const u of head) {
    const l = u[0]!;
    if (l === headline) continue;
    // Only in a byline's usual place: right below the headline, or next to a dateline.
    const k = lines.indexOf(l);
    const bylinePlace =
      (headline !== null && lines[k - 1] === headline) ||
      [lines[k - 1], lines[k + 1]].some((n) => n !== undefined && chrome.get(n.line) === 'dateline');
    const author = u.length === 1 && bylinePlace ? headAuthor(l.text) : null;
    if (author) {
      if (author.length > 0) bylines.push({ line: l.line, author: joinNames(author.map((a) => a.name)), authors: author, date: null, updated: null });
      mark(l, 'byline');
      continue;
    }
    const reason = isBullet(l.text) ? 'summary bullet above the body' : wordCount(unitText(u)) <= 3 ? 'section label' : 'above the article body';
    for (const x of u) mark(x, reason);
  }

  // 6. Tail: everything after the last sentence-shaped unit.
  const tailReason = (u: Line[]): string => {
    const first = u[0]!.line;
    if (afterNav.has(first)) return 'link to another article';
    if (first > commentsFrom) return 'reader comments';
    return wordCount(unitText(u)) <= 3 ? 'section label' : 'below the article body';
  };
  for (const u of units.slice(lastBody + 1)) for (const x of u) mark(x, tailReason(u));
  // 7. The body's first line may open with a wire dateline; the headline may end with the site's name.
  const cuts = new Map<number, { start: number; end: number }>();
  const bodyFirst = units[firstBody]![0]!;
  const wire = parseWireDateline(bodyFirst.text);
  if (wire) cuts.set(bodyFirst.line, { start: wire.length, end: bodyFirst.text.length });
  const split = headline ? splitSite(headline.text) : null;
  if (headline && split) cuts.set(headline.line, { start: 0, end: split.title.length });
  return {
    chrome, headline, bylines, datelines, bioAuthor, bodyFound: true, continuations,
    wireDateline: wire ? { line: bodyFirst.line, ...wire } : null,
    cuts,
    site: split?.site ?? null,
  };
}

/**
 * An author line above the body without "By": a lone name ("Jane Doe"), or a name with a short
 * role or outlet after a separator ("Jane Doe, Staff Reporter", "Jane Doe | Reuters").
 */
function headAuthor(text: string): Byline['authors'] | null {
  // "Staff Reporter": a role without a name is a byline that names no one.
  if (isRole(text) && !parseAuthors(text)) return [];
  if (isNameShaped(text)) return [{ name: text, role: null }];
  // "Jane Doe and John Roe": several names without "By".
  if (/\s(?:and|&)\s/.test(text) && isAuthorName(text)) return parseAuthors(text);
  const m = /^(.+?)\s*(?:,|\||—|–|\s-)\s*(.+)$/.exec(text);
  if (m && isNameShaped(m[1]!) && wordCount(m[2]!) <= 6 && !isSentenceLike(text)) {
    const authors = parseAuthors(text.replace(/\s*[|—–]\s*|\s-\s*/g, ', '));
    return authors ?? [{ name: m[1]!, role: null }];
  }
  return null;
}

/**
 * A headline's site suffix: after the last " | ", a short (<= 5 words) segment that starts with
 * a capital or digit and has no sentence punctuation; after the last " - " / " – " / " — ", only a
 * segment of <= 4 words that is mixed case and names a publication (SITE_WORD) or a domain, so a
 * dash inside a real headline ("Tariffs stay - minister") stays. The title keeps >= 3 words.
 */
export function splitSite(headline: string): { title: string; site: string } | null {
  const m = /^(.*\S)\s+(\||[-–—])\s+([^|–—]+)$/u.exec(headline);
  if (!m) return null;
  const [title, sep, site] = [m[1]!, m[2]!, m[3]!.trim()];
  if (wordCount(title) < 3 || /[.!?]$/.test(site) || !/^[\p{Lu}\p{N}]/u.test(site)) return null;
  if (sep === '|') return wordCount(site) <= 5 ? { title, site } : null;
  return wordCount(site) <= 4 && /\p{Ll}/u.test(site) && SITE_WORD.test(site) ? { title, site } : null;
}

/** Longest repeated line (in words) treated as a duplicate rather than content. */
const SHORT_DUP_WORDS = 8;
