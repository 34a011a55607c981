/**
 * Definite descriptions standing for an entity the document named before, one implementation
 * read by the quotes stage (quotes.jsonl speakers) and the stance stage (holders):
 * - organizations by head noun: "the airline", "the union", "the association" (definiteOrganizations);
 * - persons referred back to by role or party: "the California Republican said" right after that
 *   senator spoke (resolveDescriptorSpeakers).
 * (A role held in the document, "the prime minister" for the person written "Prime Minister X",
 * is the quotes stage's titleHolder: it needs the person registry only that stage builds.)
 * Pure; token indices are those of the shared document view (nlp/doc-view.ts).
 */
import { loadWordList } from '../io/data.js';
import type { EntityRecord, QuoteRecord } from '../schema.js';

/** Organization head words, lower case (data/entities/org-heads.txt: "Association", "Union", "Trust"...). */
const ORG_HEADS = new Set([...loadWordList('entities/org-heads.txt').value].map((w) => w.toLowerCase()));

/**
 * How far back (tokens) "the association" looks for the organization it stands for: 400 tokens,
 * about three to five paragraphs of news copy, across paragraph breaks. Chosen by the stance stage
 * on the real-world dev sets (its figure before this module was shared); farther back a
 * description is left unresolved.
 */
export const DEFINITE_REACH = 400;

/** The tokens a description is matched on: the view's lookup key (lower case) and wink's POS. */
export interface DescriptionTokens {
  count: number;
  key(i: number): string;
  pos(i: number): string;
}

/** An organization mention, as a token range (inclusive), with the id of the entity it names. */
export interface OrgMention {
  first: number;
  last: number;
  entityId: string;
}

/** A definite description ("the <head>", token range inclusive) and the one organization it stands for. */
export interface DefiniteDescription<M extends OrgMention = OrgMention> {
  first: number;
  last: number;
  /** The head noun, lower case (`airline`). */
  head: string;
  /** The last mention before the description of the organization it stands for. */
  antecedent: M;
  /** The rule that made it (records name their rule). */
  rule: 'definite-org-head';
}

/**
 * "The association strongly supports the ban", "the airline said": "the" + an organization head
 * noun stands for the organization named last before it whose name ends in that word ("the Local
 * Government Association") or that was introduced with that noun right before its name ("budget
 * airline SkyHop" ... "the airline"), within `DEFINITE_REACH` tokens back. Only where exactly one
 * organization with that head is in reach (two airlines named: no description resolves; precision
 * before coverage), and no other, unnamed one is written between ("the defence ministry": see
 * unnamedRival). An apposition gives a name that head too ("the X Federation, the main drivers'
 * union, ... the union said": the Federation). When the head's plural is written in reach before
 * the description ("two unions"), every organization named after the plural is a candidate as
 * well, and the description resolves only when one candidate is left (fresh-user trial).
 * `orgs`: the document's organization mentions in text order; `skip(i, i + 1)` true leaves the
 * description at tokens i, i + 1 out (its head is inside a name, or the caller
 * blocks it). Returns the descriptions in text order; throws nothing.
 */
export function definiteOrganizations<M extends OrgMention>(toks: DescriptionTokens, orgs: readonly M[], skip: (first: number, last: number) => boolean): Array<DefiniteDescription<M>> {
  const out: Array<DefiniteDescription<M>> = [];
  // The head a name gives itself: its last word ("... Association"), or the common noun written
  // right before it ("budget airline SkyHop").
  const heads: Array<{ m: M; heads: string[] }> = [];
  for (const m of orgs) {
    const own = [toks.key(m.last)].filter((w) => ORG_HEADS.has(w));
    if (m.first > 0 && toks.pos(m.first - 1) === 'NOUN') own.push(toks.key(m.first - 1));
    const apposed = appositionHead(toks, m.last);
    if (apposed && !own.includes(apposed)) own.push(apposed);
    if (own.length) heads.push({ m, heads: own });
  }
  if (heads.length === 0) return out;
  const anyHead = new Set(heads.flatMap((h) => h.heads));
  for (let i = 0; i + 1 < toks.count; i++) {
    if (toks.key(i) !== 'the' || toks.pos(i + 1) !== 'NOUN') continue;
    const head = toks.key(i + 1);
    if (!anyHead.has(head)) continue;
    const before = heads.filter((h) => h.m.last < i && i - h.m.last <= DEFINITE_REACH && h.heads.includes(head)).map((h) => h.m);
    if (before.length === 0 || new Set(before.map((m) => m.entityId)).size > 1) continue;
    // "Two unions have taken opposite sides ... the X Federation ... the Y Union ... the union
    // said": the plural says several organizations of that kind are in play, named with that head
    // or not; every organization named after it is then a candidate too.
    const plural = pluralBefore(toks, head, i);
    if (plural >= 0) {
      const candidates = new Set(before.map((m) => m.entityId));
      for (const m of orgs) if (m.first > plural && m.last < i) candidates.add(m.entityId);
      if (candidates.size > 1) continue;
    }
    if (skip(i, i + 1)) continue;
    const antecedent = before[before.length - 1]!;
    if (unnamedRival(toks, antecedent, head, i, skip)) continue;
    out.push({ first: i, last: i + 1, head, antecedent, rule: 'definite-org-head' });
  }
  return out;
}

/** Plural of an organization head noun ("union" -> "unions", "authority" -> "authorities", "church" -> "churches"). */
function pluralOf(head: string): string {
  if (/[^aeiou]y$/.test(head)) return `${head.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(head)) return `${head}es`;
  return `${head}s`;
}

/** Token index of the last plural of `head` as a noun within DEFINITE_REACH before `at` ("two unions"), or -1. */
function pluralBefore(toks: DescriptionTokens, head: string, at: number): number {
  const plural = pluralOf(head);
  for (let k = at - 1; k >= 0 && at - k <= DEFINITE_REACH; k--) if (toks.key(k) === plural && toks.pos(k) === 'NOUN') return k;
  return -1;
}

/**
 * The head an apposition gives an organization: "<Org>, the main drivers' union, ..." (a comma,
 * a determiner, at most four modifier words, then an organization head noun followed by a comma
 * or the end of the sentence). `last`: the mention's last token. Returns the head, lower case.
 */
function appositionHead(toks: DescriptionTokens, last: number): string | undefined {
  if (last + 3 >= toks.count || toks.key(last + 1) !== ',' || toks.pos(last + 2) !== 'DET') return undefined;
  for (let k = last + 3; k < toks.count && k <= last + 7; k++) {
    const w = toks.key(k);
    const pos = toks.pos(k);
    const next = k + 1 < toks.count ? toks.key(k + 1) : '.';
    if (ORG_HEADS.has(w) && pos === 'NOUN' && (next === ',' || next === '.' || next === ';')) return w;
    if (!(pos === 'ADJ' || pos === 'NOUN' || pos === 'PROPN' || w === "'" || w === "'s")) return undefined;
  }
  return undefined;
}

/**
 * Whether another organization with the same head noun, left unnamed, is written between the
 * antecedent and the description at `at` ("... the German Foreign Ministry said. ... the defence
 * ministry said. ... the ministry said": the last one may be either): "the <modifier> <head>",
 * the head outside any name (`skip` false), the modifier not a word of the antecedent's name nor
 * the word it was introduced with ("the foreign ministry" for "German Foreign Ministry", "the
 * budget airline" for "budget airline SkyHop" are the same organization).
 */
function unnamedRival(toks: DescriptionTokens, antecedent: OrgMention, head: string, at: number, skip: (first: number, last: number) => boolean): boolean {
  const own = new Set<string>();
  for (let k = Math.max(0, antecedent.first - 2); k <= antecedent.last; k++) own.add(toks.key(k));
  for (let k = antecedent.last + 3; k < at; k++) {
    if (toks.key(k) !== head || toks.pos(k) !== 'NOUN') continue;
    const modifier = toks.key(k - 1);
    if (toks.key(k - 2) !== 'the' || own.has(modifier) || (toks.pos(k - 1) !== 'ADJ' && toks.pos(k - 1) !== 'NOUN')) continue;
    if (!skip(k - 1, k)) return true;
  }
  return false;
}

/** Nouns naming a person by role or party that head a description referring back (data/shared/descriptor-heads.txt: `republican`, `co-chairman`, `senator`...). */
export const PERSON_DESCRIPTOR_HEADS: ReadonlySet<string> = loadWordList('shared/descriptor-heads.txt').value;

/** How far back (UTF-16 code units) the person a descriptor refers to may have spoken; about two sentences of news copy. */
export const DESCRIPTOR_REACH = 450;

/** Whether a speaker's surface is a definite descriptor headed by a person noun ("the Texas Democrat", "The Green Party co-chairman"). */
export function isPersonDescriptor(surface: string): boolean {
  const words = surface.trim().split(/\s+/);
  if (words.length < 3 || words[0]!.toLowerCase() !== 'the') return false;
  // Capitalized words in between (the place, party or body), a person noun last.
  const last = words[words.length - 1]!.toLowerCase().replace(/[^a-z-]/g, '');
  return PERSON_DESCRIPTOR_HEADS.has(last) && words.slice(1, -1).every((w) => /^[A-Z]/.test(w));
}

/**
 * Definite descriptors as speakers: "..., the California Republican said" or "The Conservative
 * Party co-chairman said ..." refer back to a person the text has just named, not to the place or
 * party inside the descriptor (which a speaker phrase links to when read as a name). A quote whose
 * speaker is such a descriptor (isPersonDescriptor) linked to a non-PERSON entity gets the speaker
 * of the latest earlier quote whose speaker is a PERSON entity, when that speaker starts within
 * DESCRIPTOR_REACH before the descriptor and no other person entity is named between; the speaker
 * then reads `resolution: 'descriptor'`, `rule: 'descriptor-previous-speaker'`, its span still the
 * descriptor's words. Input is not modified; quotes that need no change are returned as they are
 * (the same objects). Offsets are UTF-16, as in the records. Used by the quotes stage on its
 * records and by the stance stage on what it reads.
 */
export function resolveDescriptorSpeakers(quotes: readonly QuoteRecord[], entities: readonly EntityRecord[]): QuoteRecord[] {
  const type = new Map(entities.map((e) => [e.id, e.type]));
  const personMentions = entities.filter((e) => e.type === 'PERSON').flatMap((e) => e.mentions.map((m) => ({ id: e.id, start: m.start })));
  return quotes.map((q) => {
    const sp = q.speaker;
    if (!sp.entityId || type.get(sp.entityId) === 'PERSON' || sp.start == null || !isPersonDescriptor(sp.text ?? '')) return q;
    const before = quotes
      .filter((p) => p.speaker.entityId && type.get(p.speaker.entityId) === 'PERSON' && p.speaker.start != null && p.speaker.start < sp.start! && sp.start! - p.speaker.start! <= DESCRIPTOR_REACH)
      .sort((x, y) => y.speaker.start! - x.speaker.start!)[0];
    if (!before) return q;
    // Another person named in between could be the one meant: leave it.
    if (personMentions.some((m) => m.id !== before.speaker.entityId && m.start > before.speaker.start! && m.start < sp.start!)) return q;
    return { ...q, speaker: { ...sp, entityId: before.speaker.entityId, name: before.speaker.name, resolution: 'descriptor', rule: 'descriptor-previous-speaker' } };
  });
}
