/**
 * What an audit id names. Conventions (documented in src/audit/README.md):
 *   <docId>                  a document
 *   TYPE:slug                an entity, one record per document that names it
 *   <docId>#TYPE:slug        that entity in one document
 *   <docId>#q3               a quote (its `id` field)
 *   <docId>@TYPE:slug        the stance of a holder in a document
 *   <docId>@document         the document's own (author's) stance
 */
export type AuditTarget =
  | { kind: 'document'; docId: string }
  | { kind: 'entity'; entityId: string; docId?: string }
  | { kind: 'quote'; quoteId: string; docId: string }
  | { kind: 'stance'; docId: string; entityId: string | null };

const ENTITY_ID = /^[A-Z_]+:\S.*$/;
const QUOTE_SUFFIX = /^q\d+$/;

/**
 * Every reading of `id`, most specific first: a document id may itself contain `#`, `@` or `:`,
 * so the caller tries each in turn and reports the first that exists.
 */
export function parseAuditId(id: string): AuditTarget[] {
  const readings: AuditTarget[] = [];
  const at = id.lastIndexOf('@');
  if (at > 0) {
    const rest = id.slice(at + 1);
    if (rest === 'document') readings.push({ kind: 'stance', docId: id.slice(0, at), entityId: null });
    else if (ENTITY_ID.test(rest)) readings.push({ kind: 'stance', docId: id.slice(0, at), entityId: rest });
  }
  const hash = id.indexOf('#');
  if (hash > 0) {
    const docId = id.slice(0, id.lastIndexOf('#'));
    const rest = id.slice(id.lastIndexOf('#') + 1);
    if (QUOTE_SUFFIX.test(rest)) readings.push({ kind: 'quote', quoteId: id, docId });
    // An entity slug has no '#', so the first '#' after which an entity id follows is the split.
    const entityRest = id.slice(hash + 1);
    if (ENTITY_ID.test(entityRest)) readings.push({ kind: 'entity', entityId: entityRest, docId: id.slice(0, hash) });
  }
  if (ENTITY_ID.test(id)) readings.push({ kind: 'entity', entityId: id });
  readings.push({ kind: 'document', docId: id });
  return readings;
}
