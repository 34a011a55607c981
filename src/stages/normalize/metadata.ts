/**
 * Datelines and bylines. Dates are parsed by chrono-node (no hand-written month tables); only a
 * date whose year and day the line states counts, so the result never depends on "today".
 */
// The English locale alone: loading every locale costs ~0.5 s per worker start.
import * as chrono from 'chrono-node/en';
import { isNameShaped, isSentenceLike, wordCount } from './chrome.js';

/** chrono resolves relative parts against this; fixed so output is a pure function of the input. */
const REFERENCE = new Date(Date.UTC(2000, 0, 1));

export interface Dateline {
  /** YYYY-MM-DD */
  date: string;
  /** `published` unless the line says it is an update. */
  kind: 'published' | 'updated';
}

const DATE_PREFIX = /^(?:(first\s+)?published|posted|updated|last\s+updated|last\s+modified|modified|date|dated)(?:\s+(?:on|at))?\s*[:\-–—|]?\s*/i;

/** Words a dateline may carry besides the date itself (time zones, "at", separators). */
const DATE_FILLER = /\b(?:at|on|the|gmt|utc|bst|cet|cest|est|edt|cst|cdt|pst|pdt|ist|jst|kst|aest|aedt|sgt|hkt|et|pt|am|pm|a\.m\.|p\.m\.|hrs?|local time|mins? read|minutes? read)\b/gi;

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The first date in `text` that states its year, month and day, or null. */
export function parseStatedDate(text: string): { date: string; index: number; length: number } | null {
  if (!/\d{2}/.test(text)) return null; // a stated year has digits; skips chrono on most lines
  return firstStated(chrono.parse(text, REFERENCE));
}

function firstStated(results: chrono.ParsedResult[]): { date: string; index: number; length: number } | null {
  for (const r of results) {
    const s = r.start;
    if (s.isCertain('year') && s.isCertain('month') && s.isCertain('day')) {
      return { date: iso(s.get('year')!, s.get('month')!, s.get('day')!), index: r.index, length: r.text.length };
    }
  }
  return null;
}

/**
 * A line that is a date and nothing else worth reading ("Dec 3, 2024, 3:23 AM", "Published:
 * 4 March 2023 | 10:00 GMT"): after the dates, times and fillers are taken out, at most a few
 * letters remain.
 */
export function parseDateline(text: string): Dateline | null {
  if (wordCount(text) > 14 || !/\d{2}/.test(text)) return null;
  const prefix = DATE_PREFIX.exec(text);
  const kind: Dateline['kind'] = prefix && /updated|modified/i.test(prefix[0]) ? 'updated' : 'published';
  const rest = prefix ? text.slice(prefix[0].length) : text;
  // One chrono pass serves both: the stated date and what is left around the dates.
  const results = chrono.parse(rest, REFERENCE);
  const stated = firstStated(results);
  if (!stated) return null;
  let leftover = rest;
  for (const r of results) leftover = leftover.replace(r.text, ' ');
  leftover = leftover.replace(DATE_FILLER, ' ').replace(/[^\p{L}]+/gu, '');
  return leftover.length <= 3 ? { date: stated.date, kind } : null;
}

const BYLINE =
  /^\(?(?:(?:analysis|opinion|commentary|review|words|story|text|reporting|interview|written|posted|reported|compiled|edited|photos?)\s+)?(?:by|author|authors|reporter)\s*[:\-–]?\s+(.+)$/i;

/**
 * "By Jane Doe", "By Jane Doe and John Roe | Reuters", "Author: Jane Doe, Staff Writer":
 * the name part, or null when the line is not a byline. The date part (if any) is `date`.
 */
export function parseByline(text: string): { author: string; date: string | null } | null {
  if (wordCount(text) > 20 || (isSentenceLike(text) && !/^by\s/i.test(text))) return null;
  const m = BYLINE.exec(text);
  if (!m) return null;
  const stated = parseStatedDate(m[1]!);
  let rest = m[1]!;
  if (stated) rest = rest.slice(0, stated.index);
  // The name ends at a separator: "|", " - ", "•", ",", ";", a bracket or " on " (a date, an
  // outlet or an editor follows).
  let name = rest.split(/\s+[|•·–—-]\s+|\s*[|•·()]|[,;]\s*|\s+on\s+/)[0]!.trim().replace(/[.,;:]+$/, '');
  // "BY JANE DOE": an all-caps byline is a style, the name is "Jane Doe".
  if (!/\p{Ll}/u.test(name)) name = name.toLowerCase().replace(/(^|[\s'’-])(\p{Ll})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase()).replace(/\b(And)\b/g, 'and');
  if (!isAuthorName(name)) return null;
  return { author: name, date: stated?.date ?? null };
}

/** One or more names joined by "and" / "&". */
export function isAuthorName(text: string): boolean {
  const parts = text.split(/\s+(?:and|&)\s+/);
  return parts.length <= 4 && parts.every(isNameShaped);
}
