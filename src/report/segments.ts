/**
 * Marked-up text from possibly overlapping spans. Nested spans stay nested; a span that crosses
 * another's edge is split into pieces (closed and reopened) so the HTML is always well formed.
 * Every piece carries the span's `data-mark` key; only the first carries its `id`.
 */
import { attrs, esc } from './html.js';

export interface Mark {
  start: number;
  end: number;
  /** Outer layers first when two spans start at the same place and have the same end. */
  layer: number;
  /** Shared by all pieces of the span (tests and readers join pieces by it). */
  key: string;
  className: string;
  title?: string;
  id?: string;
  extra?: Record<string, string>;
  /** HTML placed right after the span's last piece (e.g. an empty label drawn by CSS). */
  after?: string;
  /** More anchor ids for the same span (each an empty `<a class="anchor" id>` right before its first piece). */
  anchors?: string[];
}

/** HTML placed at a text position (UTF-16 offset), outside every span that ends there and inside those that go on. */
export interface Insert {
  at: number;
  html: string;
}

function open(m: Mark, first: boolean): string {
  const anchors = first && m.anchors ? m.anchors.map((id) => `<a class="anchor"${attrs({ id })}></a>`).join('') : '';
  return `${anchors}<span${attrs({ class: first ? m.className : `${m.className} cont`, id: first ? m.id : undefined, 'data-mark': m.key, title: m.title, ...m.extra })}>`;
}

/**
 * Render `text` escaped, with `marks` as spans and `inserts` as HTML at their offsets. Marks
 * outside the text or empty are ignored; so are inserts outside [0, text.length].
 */
export function renderMarked(text: string, marks: Mark[], inserts: Insert[] = []): string {
  const valid = marks
    .filter((m) => Number.isInteger(m.start) && Number.isInteger(m.end) && m.start >= 0 && m.end > m.start && m.end <= text.length)
    .sort((a, b) => a.start - b.start || b.end - a.end || a.layer - b.layer);
  const at = new Map<number, string>();
  for (const i of inserts) if (Number.isInteger(i.at) && i.at >= 0 && i.at <= text.length) at.set(i.at, (at.get(i.at) ?? '') + i.html);
  const bounds = [...new Set([...valid.flatMap((m) => [m.start, m.end]), ...at.keys()])].sort((a, b) => a - b);
  const stack: Mark[] = [];
  let out = '';
  let pos = 0;
  let next = 0;
  for (const b of bounds) {
    out += esc(text.slice(pos, b));
    pos = b;
    const lowest = stack.findIndex((m) => m.end <= b);
    if (lowest >= 0) {
      // Close everything above the lowest ending span, then reopen the ones that go on.
      const reopen: Mark[] = [];
      while (stack.length > lowest) {
        const m = stack.pop()!;
        out += '</span>';
        if (m.end > b) reopen.unshift(m);
        else if (m.after) out += m.after;
      }
      for (const m of reopen) {
        out += open(m, false);
        stack.push(m);
      }
    }
    out += at.get(b) ?? '';
    while (next < valid.length && valid[next]!.start === b) {
      const m = valid[next++]!;
      out += open(m, true);
      stack.push(m);
    }
  }
  return out + esc(text.slice(pos));
}
