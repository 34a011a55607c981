/** Scores documents.jsonl against the seed gold (title, author, date, boilerplate, body bounds, offsets). */
import type { DocumentRecord } from '../schema.js';
import type { EvalDiff, EvalSection, SeedGold } from './types.js';

/** Offset problems of one document: every span inside `text`, non-empty, trimmed, and `text` = paragraphs joined. */
export function offsetProblems(doc: DocumentRecord): string[] {
  const problems: string[] = [];
  const n = doc.text.length;
  const check = (what: string, s: { start: number; end: number }) => {
    if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start < s.end && s.end <= n)) {
      problems.push(`${what} [${s.start},${s.end}) outside text of length ${n} or empty`);
      return;
    }
    const surface = doc.text.slice(s.start, s.end);
    if (surface !== surface.trim()) problems.push(`${what} [${s.start},${s.end}) has surrounding whitespace: ${JSON.stringify(surface.slice(0, 40))}`);
  };
  doc.paragraphs.forEach((p, i) => check(`paragraph ${i} (line ${p.line})`, p));
  doc.sentences.forEach((s, i) => {
    check(`sentence ${i}`, s);
    if (!doc.paragraphs.some((p) => p.start <= s.start && s.end <= p.end)) problems.push(`sentence ${i} [${s.start},${s.end}) crosses a paragraph boundary`);
  });
  const joined = doc.paragraphs.map((p) => doc.text.slice(p.start, p.end)).join('\n\n');
  if (joined !== doc.text) problems.push('text is not its paragraphs joined by a blank line');
  return problems;
}

export function evalNormalize(gold: SeedGold, documents: DocumentRecord[]): EvalSection {
  const byId = new Map(documents.map((d) => [d.id, d]));
  const diffs: EvalDiff[] = [];
  const total = gold.documents.length;
  let titles = 0;
  let authors = 0;
  let dates = 0;
  let boilerplateLeft = 0;
  let boilerplateTotal = 0;
  let starts = 0;
  let ends = 0;
  let inexact = 0;
  let missing = 0;

  for (const g of gold.documents) {
    const doc = byId.get(g.id);
    boilerplateTotal += g.boilerplate.length;
    if (!doc) {
      missing++;
      boilerplateLeft += g.boilerplate.length;
      diffs.push({ kind: 'missing-document', docId: g.id });
      continue;
    }
    const field = (name: string, expected: string | null, actual: string | null): number => {
      if (expected === actual) return 1;
      diffs.push({ kind: 'wrong-value', docId: g.id, note: name, expected, actual });
      return 0;
    };
    titles += field('title', g.title, doc.title);
    authors += field('author', g.author, doc.author);
    dates += field('published', g.published, doc.published);

    const paragraphTexts = doc.paragraphs.map((p) => doc.text.slice(p.start, p.end));
    for (const b of g.boilerplate) {
      // A gold entry is a raw line or a prefix of one; it is "left" when a kept paragraph starts with it.
      const entry = b.trim();
      const left = paragraphTexts.find((t) => t.startsWith(entry));
      if (left !== undefined) {
        boilerplateLeft++;
        diffs.push({ kind: 'boilerplate-left', docId: g.id, expected: 'removed', actual: left.slice(0, 120) });
      } else if (!doc.removed.some((r) => r.text.trim().startsWith(entry))) {
        diffs.push({ kind: 'boilerplate-not-listed', docId: g.id, expected: entry, note: 'absent from text but not in removed[]' });
      }
    }

    const body = doc.paragraphs.filter((p) => p.kind === 'body').map((p) => doc.text.slice(p.start, p.end));
    const first = body[0] ?? '';
    const last = paragraphTexts[paragraphTexts.length - 1] ?? '';
    if (first.startsWith(g.bodyStartsWith)) starts++;
    else diffs.push({ kind: 'body-start', docId: g.id, expected: g.bodyStartsWith, actual: first.slice(0, 120) });
    if (last.endsWith(g.bodyEndsWith)) ends++;
    else diffs.push({ kind: 'body-end', docId: g.id, expected: g.bodyEndsWith, actual: last.slice(-120) });

    const problems = offsetProblems(doc);
    inexact += problems.length;
    for (const p of problems.slice(0, 20)) diffs.push({ kind: 'inexact-offset', docId: g.id, note: p });
  }

  const lines = [
    `documents ${total - missing}/${total}`,
    `titles ${titles}/${total}`,
    `authors ${authors}/${total}`,
    `dates ${dates}/${total}`,
    `boilerplate lines left ${boilerplateLeft} (of ${boilerplateTotal})`,
    `body starts ${starts}/${total}, ends ${ends}/${total}`,
    `inexact offsets ${inexact}`,
  ];
  for (const d of diffs) {
    lines.push(`  ${d.kind} ${d.docId ?? ''}${d.note ? ` ${d.note}` : ''}${'expected' in d ? `: expected ${JSON.stringify(d.expected)}` : ''}${'actual' in d ? `, got ${JSON.stringify(d.actual)}` : ''}`);
  }
  return {
    name: 'normalize',
    lines,
    metrics: {
      documents: total,
      missing,
      titles,
      authors,
      dates,
      boilerplateLeft,
      boilerplateTotal,
      bodyStarts: starts,
      bodyEnds: ends,
      inexactOffsets: inexact,
    },
    diffs,
  };
}
