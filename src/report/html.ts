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

/** The report's folder beside report.html, holding actors.html, documents.html, actor/ and doc/. */
export const REPORT_DIR = 'report';

/**
 * A document page's path relative to the report folder: `doc/<docId>.html`, each path segment of the
 * id kept (ids are input paths, so they are valid file names) and percent-encoded in links.
 */
export function docPagePath(docId: string): string {
  return `doc/${docId}.html`;
}

/** The link to a document page from a page `depth` folders below the report folder (index: -1). */
export function docHref(docId: string, fromDepth: number, hash?: string): string {
  return up(fromDepth) + 'doc/' + docId.split('/').map(encodeURIComponent).join('/') + '.html' + (hash ? `#${hash}` : '');
}

/** The prefix from a page `depth` folders below the report folder back to it (`report/` from the index at depth -1). */
export function up(fromDepth: number): string {
  return fromDepth < 0 ? `${REPORT_DIR}/` : '../'.repeat(fromDepth);
}

/** Depth of a document page below the report folder (`doc/a/b.html` is 2). */
export const docDepth = (docId: string): number => docId.split('/').length;

export const actorPagePath = (entityId: string, target: string): string => `actor/${anchorToken(entityId, target)}.html`;

/** The page head shared by every page of the report: no script may run and nothing may load. */
export function pageHead(title: string, css: string = CSS): string {
  return (
    '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${esc(title)}</title>\n<style>${css}</style>\n</head>\n<body>\n`
  );
}

/** A stance label as a coloured pill. */
export const labelPill = (l: string): string => `<span class="label label-${esc(l)}">${esc(l)}</span>`;

export const CSS = `
body { font: 16px/1.55 Georgia, 'Times New Roman', serif; color: #222; background: #fdfdfb; max-width: 76rem; margin: 1.5rem auto; padding: 0 1rem; }
h1, h2, h3, h4, table, .meta, .legend, nav, .stances, .header, figure, .crumbs { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; } h2 { border-bottom: 2px solid #ddd; padding-bottom: .2rem; margin-top: 2rem; font-size: 1.25rem; }
h3 { margin: 0 0 .3rem; font-size: 1.25rem; } h4 { margin: .8rem 0 .3rem; font-size: .95rem; color: #555; }
.meta, .legend { color: #666; font-size: .85rem; } code { font-size: .8rem; color: #555; }
.header { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; margin: .6rem 0 1rem; font-size: .9rem; }
.header div { background: #f3f3ef; border-radius: 6px; padding: .35rem .7rem; } .header b { font-size: 1.1rem; }
table { border-collapse: collapse; width: 100%; font-size: .88rem; }
th, td { border-bottom: 1px solid #e3e3e3; padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: #f3f3ef; position: sticky; top: 0; } td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.ev-cell { font-family: Georgia, serif; font-size: .88rem; max-width: 34rem; }
td.ev-cell .ev { text-decoration: none; border-left: 4px solid #a8a8a8; padding-left: .4rem; } td.ev-cell .ev-support { border-left-color: #2e9e4f; } td.ev-cell .ev-oppose { border-left-color: #cf3b3b; }
tr:target { background: #fff6cc; }
/* Long tables (actors.html, documents.html at 20,000 documents): rows off screen are not laid out until scrolled to. */
table.actors tbody tr, table.documents tbody tr { content-visibility: auto; contain-intrinsic-size: auto 3.2rem; }
.label { display: inline-block; padding: 0 .45rem; border-radius: .7rem; font-size: .78rem; font-weight: 600; }
.label-support { background: #d9f2dd; color: #175c25; } .label-oppose { background: #fbdcdc; color: #8a1c1c; } .label-neutral { background: #e8e8e8; color: #444; } .label-none { background: none; color: #999; font-weight: 400; }
figure { margin: 1rem 0; overflow-x: auto; } figcaption { font-size: .85rem; color: #555; margin-bottom: .3rem; }
svg.chart a:hover rect { opacity: .75; } svg.chart text { pointer-events: none; }
article { border: 1px solid #e3e3e3; border-radius: 6px; background: #fff; padding: 1rem 1.3rem; margin: 1rem 0; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.75; }
.stances ul { margin: .2rem 0; padding-left: 1.2rem; font-size: .9rem; }
.tgt { font-weight: 700; color: #1d4f91; }
.quote { background: #f4efe4; border-radius: 2px; }
.who { font: italic .72rem system-ui, sans-serif; color: #6b5314; background: #efe6cf; padding: 0 .3rem; margin: 0 .15rem; border-radius: .3rem; white-space: nowrap; }
.who::before { content: '\\2014\\00a0' attr(data-who); }
.speaker { text-decoration: underline dotted #8a6d1f; text-underline-offset: 3px; }
.ev { text-decoration-line: underline; text-decoration-thickness: 3px; text-underline-offset: 5px; text-decoration-skip-ink: none; }
.ev-support { text-decoration-color: #2e9e4f; } .ev-oppose { text-decoration-color: #cf3b3b; } .ev-neutral { text-decoration-color: #a8a8a8; text-decoration-style: dashed; }
.ev:target, .anchor:target + .ev { outline: 3px solid #f0b400; outline-offset: 2px; }
a.ev-link { font-size: .8rem; white-space: nowrap; } a.more { font-size: .8rem; white-space: nowrap; }
.crumbs { font-size: .85rem; margin-bottom: .8rem; } .crumbs a { margin-right: .8rem; }
.legend span { margin-right: .9rem; }
`;

/** The stylesheet of a document page: only what it uses (20,000 pages carry it). */
export const DOC_CSS = `
body{font:16px/1.55 Georgia,serif;color:#222;background:#fdfdfb;max-width:52rem;margin:1.5rem auto;padding:0 1rem}
h3,h4,.meta,.legend,.stances,.crumbs{font-family:system-ui,sans-serif}h3{margin:0 0 .3rem;font-size:1.3rem}h4{margin:.8rem 0 .3rem;font-size:.95rem;color:#555}
.meta,.legend{color:#666;font-size:.85rem}code{font-size:.8rem;color:#555}.crumbs{font-size:.85rem;margin-bottom:.8rem}.crumbs a{margin-right:.8rem}
article{border:1px solid #e3e3e3;border-radius:6px;background:#fff;padding:1rem 1.3rem}.stances ul{margin:.2rem 0;padding-left:1.2rem;font-size:.9rem}
.label{display:inline-block;padding:0 .45rem;border-radius:.7rem;font-size:.78rem;font-weight:600}.label-support{background:#d9f2dd;color:#175c25}.label-oppose{background:#fbdcdc;color:#8a1c1c}.label-neutral{background:#e8e8e8;color:#444}
.text{white-space:pre-wrap;overflow-wrap:anywhere;line-height:1.75}.legend span{margin-right:.9rem}a.ev-link{font-size:.8rem}
.tgt{font-weight:700;color:#1d4f91}.quote{background:#f4efe4;border-radius:2px}.speaker{text-decoration:underline dotted #8a6d1f;text-underline-offset:3px}
.who{font:italic .72rem system-ui,sans-serif;color:#6b5314;background:#efe6cf;padding:0 .3rem;margin:0 .15rem;border-radius:.3rem;white-space:nowrap}.who::before{content:'\\2014\\00a0' attr(data-who)}
.ev{text-decoration-line:underline;text-decoration-thickness:3px;text-underline-offset:5px;text-decoration-skip-ink:none}.ev-support{text-decoration-color:#2e9e4f}.ev-oppose{text-decoration-color:#cf3b3b}.ev-neutral{text-decoration-color:#a8a8a8;text-decoration-style:dashed}
.ev:target,.anchor:target+.ev{outline:3px solid #f0b400;outline-offset:2px}
`;
