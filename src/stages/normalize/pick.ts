/** Title, author and publication date from what layout.ts found. */
import type { Layout } from './layout.js';

export interface Metadata {
  title: string | null;
  author: string | null;
  /** YYYY-MM-DD */
  published: string | null;
}

export function pickMetadata(layout: Layout): Metadata {
  const title = layout.headline?.text ?? null;
  const author = layout.bylines[0]?.author ?? layout.bioAuthor ?? null;
  // A "published" dateline wins over an "updated" one; then a date carried by the byline.
  const published =
    layout.datelines.find((d) => d.kind === 'published')?.date ??
    layout.bylines.find((b) => b.date)?.date ??
    layout.datelines[0]?.date ??
    null;
  return { title, author, published };
}
