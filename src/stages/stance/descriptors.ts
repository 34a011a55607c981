/**
 * Definite descriptors as speakers: "..., the California Republican said" or "The Conservative
 * Party co-chairman said ..." refer back to a person the text has just named, not to the place
 * or party inside the descriptor. The quotes stage links such a speaker to the entity named in it
 * (a GPE, NORP or ORG); the stance stage gives the quote to the person instead when the
 * descriptor's last word names a person by role or party (anchors.json `descriptorHeads`)
 * and a person spoke in one of the two sentences before.
 */
import type { EntityRecord, QuoteRecord } from '../../schema.js';
import { ANCHORS } from './acts.js';

const PERSON_NOUNS = new Set(ANCHORS.descriptorHeads);

/** How far back (UTF-16 code units) the person referred to may have spoken; about two sentences of news copy. */
const DESCRIPTOR_REACH = 450;

/** Whether a speaker's surface is a definite descriptor headed by a person noun ("the Texas Democrat"). */
export function isPersonDescriptor(surface: string): boolean {
  const words = surface.trim().split(/\s+/);
  if (words.length < 3 || words[0]!.toLowerCase() !== 'the') return false;
  // Capitalized words in between (the place, party or body), a person noun last.
  const last = words[words.length - 1]!.toLowerCase().replace(/[^a-z-]/g, '');
  return PERSON_NOUNS.has(last) && words.slice(1, -1).every((w) => /^[A-Z]/.test(w));
}

/**
 * The quotes with descriptor speakers given to the person they refer back to: the speaker of the
 * latest earlier quote whose speaker is a PERSON entity, when it starts within DESCRIPTOR_REACH
 * before the descriptor and no other person entity is named between. Input is not modified;
 * quotes that need no change are returned as they are. Offsets are UTF-16, as in the records.
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
    return { ...q, speaker: { ...sp, entityId: before.speaker.entityId, name: before.speaker.name } };
  });
}

/** Lower-case, hyphenated: the id shape the entities stage uses ("PERSON:maeve-sherlock"). */
function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** A person's name as written: two or three words in capitals with lower case after ("Ann Lee"). */
function personName(words: readonly string[]): boolean {
  return words.length >= 2 && words.length <= 3 && words.every((w) => /^[A-Z][a-z'’-]+$/.test(w));
}

/**
 * The person named at the end of a speaker phrase that the quotes stage linked to an organization:
 * "<Organization> Chief Executive Ann Lee" -> Ann Lee (a role noun from anchors.json
 * `descriptorHeads` right before a name of two or three capitalized words). The person speaks for
 * the organization: both hold what is said. Undefined when the phrase has no such name or its
 * entity is already a person.
 */
export function personInSpeaker(quote: QuoteRecord, entityType: string | undefined): { entityId: string; name: string; type: string } | undefined {
  if (!quote.speaker.text || !quote.speaker.entityId || entityType === 'PERSON') return undefined;
  const words = quote.speaker.text.trim().split(/\s+/);
  for (let k = words.length - 3; k >= Math.max(0, words.length - 4); k--) {
    if (!PERSON_NOUNS.has(words[k]!.toLowerCase())) continue;
    const name = words.slice(k + 1);
    if (personName(name)) return { entityId: `PERSON:${slug(name.join(' '))}`, name: name.join(' '), type: 'PERSON' };
  }
  return undefined;
}

/**
 * A speaker resolved from a pronoun to a named person the entities stage did not list ("..., she
 * warned" after "Chief Executive Ann Lee called ..."): the quote gets that person's id so the
 * stance has a holder. Only pronoun resolutions with a person's name (two or three capitalized
 * words) qualify: other unlinked speakers are groups ("analysts") or fragments.
 */
export function nameUnlinkedSpeakers(quotes: readonly QuoteRecord[]): QuoteRecord[] {
  return quotes.map((q) =>
    !q.speaker.entityId && q.speaker.resolution === 'pronoun' && q.speaker.name && personName(q.speaker.name.split(/\s+/))
      ? { ...q, speaker: { ...q.speaker, entityId: `PERSON:${slug(q.speaker.name)}` } }
      : q,
  );
}
