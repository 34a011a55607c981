/** Title, authors, dates and site from what layout.ts found. */
import type { Layout } from './layout.js';
import type { Author, WireDateline } from './metadata.js';

export interface Metadata {
  title: string | null;
  /** The authors' names joined ("A, B and C"). */
  author: string | null;
  /** YYYY-MM-DD */
  published: string | null;
  /** Fields added to the document record after `published`. */
  extra: {
    /** Every author of the byline, with the role written after the name. */
    authors: Author[];
    /** YYYY-MM-DD of the last update, when a dateline states one. */
    updated: string | null;
    /** Site name cut off the headline (" | Site"). */
    site: string | null;
    /** A wire dateline taken off the body's first line, with the raw line it came from. */
    dateline: ({ line: number } & WireDateline) | null;
  };
}

/**
 * `title`: the headline without a site suffix. `author`/`authors`: the first byline, else a name
 * above an author bio. `published`: a dateline's published date wins, then a date in a byline,
 * then a wire dateline's (only when it states a year), then an update-only dateline's date.
 * `updated`: the first update date a dateline (else a byline) states.
 */
export function pickMetadata(layout: Layout): Metadata {
  const headline = layout.headline;
  const cut = headline ? layout.cuts.get(headline.line) : undefined;
  const title = headline ? (cut ? headline.text.slice(cut.start, cut.end) : headline.text) : null;
  const byline = layout.bylines[0];
  const authors = byline?.authors ?? (layout.bioAuthor ? [{ name: layout.bioAuthor, role: null }] : []);
  const author = byline?.author ?? layout.bioAuthor ?? null;
  const published =
    layout.datelines.find((d) => d.published)?.published ??
    layout.bylines.find((b) => b.date)?.date ??
    layout.wireDateline?.date ??
    layout.datelines.find((d) => d.date)?.date ??
    null;
  const updated = layout.datelines.find((d) => d.updated)?.updated ?? layout.bylines.find((b) => b.updated)?.updated ?? null;
  return { title, author, published, extra: { authors, updated, site: layout.site, dateline: layout.wireDateline } };
}
