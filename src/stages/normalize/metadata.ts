/**
 * Datelines, bylines and wire datelines. Dates are parsed by chrono-node (no hand-written month
 * tables); only a date whose year, month and day the line states counts, so the result never
 * depends on "today": relative dates ("3 hours ago") give no date, and an all-numeric date
 * ("04/05/2024") counts only when it cannot be read both ways (15/04/2024 is day-first).
 */
// The English locale alone: loading every locale costs ~0.5 s per worker start.
import * as chrono from 'chrono-node/en';
import { isNameShaped, isSentenceLike, wordCount } from './chrome.js';
import { readDataLines } from './resources.js';

/** chrono resolves relative parts against this; fixed so output is a pure function of the input. */
const REFERENCE = new Date(Date.UTC(2000, 0, 1));

export interface Dateline {
  /** YYYY-MM-DD: the published date when the line states one, else the updated one; null for a relative date. */
  date: string | null;
  /** `published` unless the line only says when it was updated. */
  kind: 'published' | 'updated';
  /** YYYY-MM-DD after a "Published" / "Posted" label (or unlabelled), when stated. */
  published: string | null;
  /** YYYY-MM-DD after an "Updated" / "Modified" label, when stated. */
  updated: string | null;
}

/** Labels in front of a date ("Published:", "Last updated", "First published on"). */
const DATE_LABEL = /\b(?:(?:first\s+)?published|posted|(?:last\s+)?updated|(?:last\s+)?modified|date|dated)\b(?:\s+(?:on|at))?\s*[:\-–—|]?/gi;

/** Words a dateline may carry besides the date itself (time zones, "at", separators). */
const DATE_FILLER = /\b(?:at|on|the|gmt|utc|bst|cet|cest|est|edt|cst|cdt|pst|pdt|ist|jst|kst|aest|aedt|sgt|hkt|et|pt|am|pm|a\.m\.|p\.m\.|hrs?|local time|mins? read|minutes? read)\b/gi;

/** A relative date or time and nothing more ("3 hours ago", "Updated yesterday", "just now"). */
const RELATIVE_LINE =
  /^(?:(?:(?:first\s+)?published|posted|(?:last\s+)?updated|modified)\s*:?\s*)?(?:(?:\d+|an?|one|few)\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago|yesterday|today|just now)$/i;

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const NUMERIC_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}$/;

/**
 * The ISO date a chrono result states, or null: year, month and day certain and written out (a
 * year of 4 digits, or a numeric date), never a relative date; a numeric date whose first two
 * parts are both <= 12 and differ is ambiguous (day-first or month-first) and gives null.
 */
function statedDate(r: chrono.ParsedResult): string | null {
  const s = r.start;
  if (!(s.isCertain('year') && s.isCertain('month') && s.isCertain('day'))) return null;
  const numeric = NUMERIC_DATE.exec(r.text.trim());
  if (numeric) {
    const [a, b] = [Number(numeric[1]), Number(numeric[2])];
    if (a <= 12 && b <= 12 && a !== b) return null;
  } else if (!/\d{4}/.test(r.text)) return null;
  return iso(s.get('year')!, s.get('month')!, s.get('day')!);
}

/** A stated date has a 4-digit year or is all-numeric: lines without either skip chrono (most lines). */
const MAY_STATE_DATE = /\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2}/;

/** The first date in `text` that states its year, month and day, or null. */
export function parseStatedDate(text: string): { date: string; index: number; length: number } | null {
  if (!MAY_STATE_DATE.test(text)) return null;
  for (const r of chrono.parse(text, REFERENCE)) {
    const date = statedDate(r);
    if (date) return { date, index: r.index, length: r.text.length };
  }
  return null;
}

/**
 * The stated dates of `text` sorted by the nearest label before each: after "Updated" /
 * "Modified" an update, else (a "Published" / "Posted" label or none) the publication.
 */
function datesByLabel(text: string, results: chrono.ParsedResult[]): { published: string | null; updated: string | null; labels: Array<{ end: number; updated: boolean }> } {
  const labels = [...text.matchAll(DATE_LABEL)].map((m) => ({ end: m.index + m[0].length, updated: /updated|modified/i.test(m[0]) }));
  let published: string | null = null;
  let updated: string | null = null;
  for (const r of results) {
    const date = statedDate(r);
    if (!date) continue;
    const label = labels.filter((l) => l.end <= r.index).pop();
    if (label?.updated) updated ??= date;
    else published ??= date;
  }
  return { published, updated, labels };
}

/**
 * A line that is one or more dates and nothing else worth reading ("Dec 3, 2024, 3:23 AM",
 * "Published: 4 March 2023 | 10:00 GMT", "Published March 3, 2024 · Updated March 5, 2024,
 * 10:14 a.m. ET", "Updated ... | First published ..."): after the dates, their labels, times and
 * fillers are taken out, at most a few letters remain. Each date is published or updated by the
 * nearest label before it (none: published). A relative date line ("Updated 3 hours ago") is a
 * dateline without a date.
 */
export function parseDateline(text: string): Dateline | null {
  if (wordCount(text) > 24) return null;
  if (RELATIVE_LINE.test(text.trim())) return { date: null, kind: /updated|modified/i.test(text) ? 'updated' : 'published', published: null, updated: null };
  if (!MAY_STATE_DATE.test(text)) return null;
  const results = chrono.parse(text, REFERENCE);
  const { published, updated, labels } = datesByLabel(text, results);
  let leftover = text;
  for (const r of results) leftover = leftover.replace(r.text, ' ');
  // A numeric date that reads both ways ("05.03.2024") still makes a dateline, without a date.
  const ambiguous = results.some((r) => NUMERIC_DATE.test(r.text.trim()) && /\d{4}/.test(r.text));
  if (!published && !updated && !ambiguous) return null;
  leftover = leftover.replace(DATE_LABEL, ' ').replace(DATE_FILLER, ' ').replace(/[^\p{L}]+/gu, '');
  if (leftover.length > 3) return null;
  const kind = published || (!updated && !labels.some((l) => l.updated)) ? 'published' : 'updated';
  return { date: published ?? updated, kind, published, updated };
}

export interface WireDateline {
  /** The prefix as written, without the dash and the space after it ("LONDON, March 3 (Reuters)"). */
  text: string;
  /** UTF-16 length of the prefix in the line, dash and following spaces included: the body starts there. */
  length: number;
  /** The place as written ("LONDON", "SANTA BARBARA, Calif."). */
  place: string;
  /** YYYY-MM-DD when the dateline states a year, else null (never a guessed year). */
  date: string | null;
  /** The date as written ("March 3"), or null. */
  dateText: string | null;
}

const WIRE_DATELINE =
  /^((?:\p{Lu}[\p{Lu}.'’-]*)(?:\s+\p{Lu}[\p{Lu}.'’-]*){0,3}(?:,\s+\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*)?)?)(?:,\s+((?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)[a-z]*\.?,?\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,?\s+\d{4})?))?\s*(\((?:[\p{L}&.' -]+)\))?\s*[-–—]+\s+(?=\S)/u;

/**
 * A wire dateline at the start of a story's first paragraph: an upper-case place, then a date
 * and/or an agency in brackets, then a dash ("LONDON, March 3 (Reuters) - ", "TOKYO, March 28 -
 * ", "WASHINGTON (AP) — "). Null when the line does not start with one; a place with neither a
 * date nor an agency is not enough (an all-caps lead-in would match).
 */
export function parseWireDateline(text: string): WireDateline | null {
  const m = WIRE_DATELINE.exec(text);
  if (!m || (!m[2] && !m[3])) return null;
  const place = m[1]!.trim();
  // The place is upper case ("NEW YORK"); a state or country after a comma may be title case.
  const head = place.split(',')[0]!;
  if (/\p{Ll}/u.test(head) || head.replace(/[^\p{L}]/gu, '').length < 2) return null;
  const dateText = m[2] ?? null;
  const date = dateText ? (parseStatedDate(dateText)?.date ?? null) : null;
  return { text: m[0].replace(/\s*[-–—]+\s+$/, ''), length: m[0].length, place, date, dateText };
}

export interface Author {
  name: string;
  /** Role after the name ("Political Editor"), or null. */
  role: string | null;
}

export interface Byline {
  /** The names joined ("A", "A and B", "A, B and C"). */
  author: string;
  authors: Author[];
  /** The published date the byline states (else its first stated date). */
  date: string | null;
  /** An update date the byline states after "Updated". */
  updated: string | null;
}

const BYLINE =
  /^\(?(?:(?:analysis|opinion|commentary|review|words|story|text|reporting|interview|written|posted|reported|compiled|edited|photos?)\s+)?(?:by|author|authors|reporter)\s*[:\-–]?\s+(.+)$/i;

let roleWords: Set<string> | undefined;
/** Role vocabulary (src/data/normalize/byline-roles.txt), read once. */
function roles(): Set<string> {
  roleWords ??= new Set(readDataLines('byline-roles.txt').map((l) => l.toLowerCase()));
  return roleWords;
}

/** "ABBY K" -> "Abby K": an all-caps byline is a style, not the name's spelling. */
function titleCase(text: string): string {
  return text.toLowerCase().replace(/(^|[\s'’-])(\p{Ll})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

/** A role: a short segment with a role word ("Political Editor", "staff writer", "Tokyo correspondent"). */
export function isRole(segment: string): boolean {
  const words = segment.toLowerCase().split(/\s+/);
  return words.length <= 6 && words.some((w) => roles().has(w.replace(/[^\p{L}]/gu, '')));
}

/** Words that name a publication or agency ("Daily", "News", "Press"), or a web domain. */
export const SITE_WORD =
  /\b(?:news|times|post|journal|herald|guardian|tribune|daily|online|media|tv|radio|press|gazette|telegraph|mail|magazine|chronicle|observer|independent|express|standard|review|weekly|reuters|bbc|cnn|npr|wire|today|agency|bureau)\b|\.(?:com|org|net|co\.uk|news|in|au|ca)\b/i;

/** A publication rather than a person: a SITE_WORD, or "The ..." ("The Daily Planet"). */
function isOutlet(segment: string): boolean {
  return SITE_WORD.test(segment) || /^the\s/i.test(segment);
}

/** Joined form of a list of names: "A", "A and B", "A, B and C". */
export function joinNames(names: readonly string[]): string {
  return names.length <= 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * The authors of a byline's name part: names separated by ",", ";", "and", "&"; a role segment
 * after a name ("Jane Doe, Political Editor") is that author's role; " in City" after the last
 * name and an outlet ("Reuters") are dropped. Null when any other segment is not name-shaped
 * or there are more than 6 names.
 */
export function parseAuthors(namePart: string): Author[] | null {
  let part = namePart.trim().replace(/[.,;:]+$/, '');
  if (!/\p{Ll}/u.test(part)) part = titleCase(part).replace(/\b(And|In)\b/g, (w) => w.toLowerCase());
  // "By X and Y in Brussels", "By X in Berlin and Y in Paris": a place is not part of a name.
  part = part.replace(/\s+in\s+\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,2}(?=\s*(?:[,;&]|\s+and\s|$))/gu, '');
  const segments = part.split(/\s*[,;]\s*(?:(?:and|&)\s+)?|\s+(?:and|&)\s+/).filter(Boolean);
  const authors: Author[] = [];
  for (const [i, s] of segments.entries()) {
    // An outlet after the names ("Associated Press", "The Daily Planet"): the names end here.
    if (authors.length > 0 && isOutlet(s)) break;
    if (isNameShaped(s) && !isRole(s) && !/^the\s/i.test(s)) {
      authors.push({ name: s, role: null });
      continue;
    }
    if (isRole(s) && authors.length > 0) {
      // "X and Y, Staff Writers": a plural role goes to every author still without one.
      const last = authors[authors.length - 1]!;
      if (last.role === null) last.role = s;
      continue;
    }
    // An outlet or other trailing word after the names ("Reuters", "CNN"): the names end here.
    if (authors.length > 0 && i === segments.length - 1 && wordCount(s) <= 3) break;
    return null;
  }
  return authors.length > 0 && authors.length <= 6 ? authors : null;
}

/**
 * "By Jane Doe", "By Jane Doe and John Roe | Reuters", "By A, B and C", "BY ABBY K AND THOMAS
 * B", "Author: Jane Doe, Staff Writer": the authors, or null when the line is not a byline. The
 * date part (if any) is `date`.
 */
export function parseByline(text: string): Byline | null {
  if (wordCount(text) > 24 || (isSentenceLike(text) && !/^by\s/i.test(text))) return null;
  const m = BYLINE.exec(text);
  if (!m) return null;
  const stated = parseStatedDate(m[1]!);
  let rest = m[1]!;
  if (stated) rest = rest.slice(0, stated.index);
  // "(Reporting by A; Editing by B)": the editors are not authors.
  rest = rest.split(/[;,]?\s*\b(?:editing|edited|additional reporting|writing|graphics|photos?|video)\s+by\b/i)[0]!;
  // The name part ends at a strong separator: "|", " - ", "•", a bracket or " on " (a date, an
  // outlet or an editor follows); commas separate names and roles (parseAuthors).
  const [namePart, after] = rest.split(/\s+[|•·–—-]\s+|\s*[|•·()]|\s+on\s+/);
  const authors = parseAuthors(namePart!);
  if (!authors) return null;
  // "By Jane Doe | Staff Writer": a role after the separator belongs to the last author.
  const last = authors[authors.length - 1]!;
  if (after && last.role === null && isRole(after.trim())) last.role = after.trim();
  const dates = stated ? datesByLabel(m[1]!, chrono.parse(m[1]!, REFERENCE)) : null;
  return { author: joinNames(authors.map((a) => a.name)), authors, date: dates?.published ?? stated?.date ?? null, updated: dates?.updated ?? null };
}

/** One or more names joined by "and" / "&" (or commas). */
export function isAuthorName(text: string): boolean {
  const parts = text.split(/\s*,\s*|\s+(?:and|&)\s+/);
  return parts.length <= 6 && parts.every(isNameShaped);
}
