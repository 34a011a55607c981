/** HTML escaping and the page's inline stylesheet. Every piece of article or record text goes through `esc`. */
import { createHash } from 'node:crypto';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape for element content and quoted attribute values alike. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** `name="value"` pairs, values escaped; undefined values are left out. */
export function attrs(pairs: Record<string, string | undefined>): string {
  return Object.entries(pairs)
    .filter((p): p is [string, string] => p[1] !== undefined)
    .map(([k, v]) => ` ${k}="${esc(v)}"`)
    .join('');
}

/** A short, stable, id-safe token for anchors (document ids and entity ids hold `/`, `:`, spaces...). */
export function anchorToken(...parts: string[]): string {
  return createHash('sha1').update(parts.join('\u0000')).digest('hex').slice(0, 12);
}

export const docAnchor = (docId: string): string => `doc-${anchorToken(docId)}`;
export const actorAnchor = (entityId: string, target: string): string => `actor-${anchorToken(entityId, target)}`;
/** Evidence `index` of the stance of `holder` (entity id, or null for the document's own) in a document. */
export const evidenceAnchor = (docId: string, holder: string | null, target: string, index: number): string =>
  `ev-${anchorToken(docId, holder ?? '@document', target)}-${index + 1}`;

export const fmtScore = (n: number): string => (n > 0 ? '+' : '') + n.toFixed(2);

export const CSS = `
body { font: 16px/1.55 Georgia, 'Times New Roman', serif; color: #222; background: #fdfdfb; max-width: 64rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3, h4, table, .meta, .legend, nav, .stances { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { border-bottom: 2px solid #ddd; padding-bottom: .2rem; margin-top: 2.5rem; }
h3 { margin: 0 0 .3rem; font-size: 1.25rem; } h4 { margin: .8rem 0 .3rem; font-size: .95rem; color: #555; }
.meta, .legend { color: #666; font-size: .85rem; } code { font-size: .8rem; color: #555; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid #e3e3e3; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f3ef; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr:target { background: #fff6cc; }
.label { display: inline-block; padding: 0 .45rem; border-radius: .7rem; font-size: .8rem; font-weight: 600; }
.label-support { background: #d9f2dd; color: #175c25; } .label-oppose { background: #fbdcdc; color: #8a1c1c; } .label-neutral { background: #e8e8e8; color: #444; }
article { border: 1px solid #e3e3e3; border-radius: 6px; background: #fff; padding: 1rem 1.3rem; margin: 1.5rem 0; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.stances { margin-bottom: 1rem; } .stances ul { margin: .2rem 0; padding-left: 1.2rem; font-size: .9rem; }
.ent { border-bottom: 2px solid #7aa7d8; font-weight: 600; }
.ent-PERSON { border-bottom-color: #3b73b9; } .ent-ORG { border-bottom-color: #8a5cc2; } .ent-GPE, .ent-LOC { border-bottom-color: #2f9488; } .ent-NORP { border-bottom-color: #c28a2c; }
.quote { background: #fff4c2; font-style: italic; }
.who::after { content: ' \\2014\\00a0' attr(data-who); font: italic .75rem system-ui, sans-serif; color: #7a6200; background: #fff4c2; padding: 0 .3rem; border-radius: .3rem; }
.speaker { text-decoration: underline double #b08900; }
.ev { padding-bottom: 4px; border-bottom: 3px solid #888; }
.ev .ev { padding-bottom: 0; border-bottom-width: 2px; }
.ev-support { border-bottom-color: #3caa50; } .ev-oppose { border-bottom-color: #d23c3c; } .ev-neutral { border-bottom-color: #9a9a9a; }
.ev-support:not(:has(.quote)) { background: rgba(60, 170, 80, .12); } .ev-oppose:not(:has(.quote)) { background: rgba(210, 60, 60, .10); }
.ev:target { outline: 3px solid #f0b400; }
a.ev-link { font-size: .8rem; white-space: nowrap; } .ev-doc { font-size: .75rem; color: #555; white-space: nowrap; text-decoration: none; }
nav ol { font-size: .9rem; padding-left: 1.5rem; } nav code { margin-left: .3rem; }
.legend span { margin-right: .8rem; }
`;
