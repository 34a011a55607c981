/**
 * Speakers as the quotes stage gave them, refined for stance: a person named after a role at the
 * end of an organization's speaker phrase holds the quote with the organization; a pronoun
 * speaker resolved to a named person with no entity gets that person's id. (Definite descriptors
 * referring back to a person, "the California Republican said", are resolved by
 * nlp/definite-descriptions.ts, shared with the quotes stage; re-exported here.)
 */
import type { QuoteRecord } from '../../schema.js';
import { isPersonDescriptor, PERSON_DESCRIPTOR_HEADS, resolveDescriptorSpeakers } from '../../nlp/definite-descriptions.js';

export { isPersonDescriptor, resolveDescriptorSpeakers };


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
 * "<Organization> Chief Executive Ann Lee" -> Ann Lee (a role noun from
 * data/shared/descriptor-heads.txt right before a name of two or three capitalized words). The
 * person speaks for the organization: both hold what is said. Undefined when the phrase has no such name or its
 * entity is already a person.
 */
export function personInSpeaker(quote: QuoteRecord, entityType: string | undefined): { entityId: string; name: string; type: string } | undefined {
  if (!quote.speaker.text || !quote.speaker.entityId || entityType === 'PERSON') return undefined;
  const words = quote.speaker.text.trim().split(/\s+/);
  for (let k = words.length - 3; k >= Math.max(0, words.length - 4); k--) {
    if (!PERSON_DESCRIPTOR_HEADS.has(words[k]!.toLowerCase())) continue;
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
