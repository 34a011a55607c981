/**
 * The failures the trained tagger was built to fix, one construction each (invented names and
 * sentences), through normalize + entities in process; and a property: adding or removing other
 * documents changes a document's entity ids only through a recorded merge, and never flips a name's order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { runInProcess, rawInputFromText } from '../../src/pipeline/inprocess.js';
import { normalizeStage } from '../../src/stages/normalize/index.js';
import { entitiesStage } from '../../src/stages/entities/index.js';
import { orderGivenFirst } from '../../src/stages/entities/extract.js';
import type { EntityRecord } from '../../src/schema.js';

const config = parseConfig({ proposal: { name: 'test' } });

function entities(files: Record<string, string>): EntityRecord[] {
  const inputs = Object.entries(files).map(([id, text]) => rawInputFromText(id, text));
  const { artifacts, errors } = runInProcess(inputs, config, [normalizeStage, entitiesStage]);
  expect(errors).toEqual([]);
  return artifacts.entities as EntityRecord[];
}
const one = (text: string) => entities({ doc: text });
const named = (es: EntityRecord[], type: string) => es.filter((e) => e.type === type).map((e) => e.name);
const surfaces = (es: EntityRecord[], type: string) => es.filter((e) => e.type === type).flatMap((e) => e.mentions.map((m) => m.text));

describe('entities from the tagger: the failures it fixes', () => {
  it('keeps a role word before a name out of the name and in titles', () => {
    const es = one(
      'The housing plan drew fire on Tuesday.\n' +
        'Green MP Harriet Quillon said the scheme was unfair. Deputy Mayor Tobias Renwick disagreed, and Sgt Colin Ashdown declined to comment.\n' +
        'Later the Minister for Women and Equalities Nadia Farrowby said she would meet them.',
    );
    const persons = es.filter((e) => e.type === 'PERSON');
    expect(persons.map((p) => p.name).sort()).toEqual(['Colin Ashdown', 'Harriet Quillon', 'Nadia Farrowby', 'Tobias Renwick']);
    const titles = (name: string) => persons.find((p) => p.name === name)!.titles;
    expect(titles('Harriet Quillon')).toContain('MP');
    expect(titles('Tobias Renwick')).toContain('Deputy Mayor');
    expect(titles('Colin Ashdown')).toContain('Sgt');
    expect(titles('Nadia Farrowby')).toContain('Minister for Women and Equalities');
    // No role word became an entity of its own.
    for (const s of [...surfaces(es, 'PERSON'), ...surfaces(es, 'ORG'), ...surfaces(es, 'GPE')]) expect(s).not.toMatch(/^(Deputy|Sgt|MP|Equalities)\b|\bMP$/);
  });

  it('reads party nicknames as the parties', () => {
    const es = one('Both the Tories and the Lib Dems voted against the motion, while Labour abstained.');
    const ids = es.filter((e) => e.type === 'ORG').map((e) => e.id);
    expect(ids).toEqual(expect.arrayContaining(['ORG:conservative-party', 'ORG:liberal-democrats', 'ORG:labour-party']));
    expect(named(es, 'PERSON')).toEqual([]);
  });

  it('finds pressure groups and business bodies as organizations', () => {
    const es = one('The proposal was condemned by Human Rights Watch, the Law Society and Liberty, but the CBI welcomed it.');
    expect(es.filter((e) => e.type === 'ORG').map((e) => e.id)).toEqual(
      expect.arrayContaining(['ORG:human-rights-watch', 'ORG:law-society', 'ORG:liberty', 'ORG:confederation-of-british-industry']),
    );
    expect(named(es, 'PERSON')).toEqual([]);
  });

  it('types a person whose surname is a place as a person', () => {
    const es = one('Marta Dover, who chairs the council housing committee, said the numbers did not add up. Dover added that she would ask again.');
    const p = es.find((e) => e.type === 'PERSON' && e.name === 'Marta Dover');
    expect(p).toBeDefined();
    expect(p!.mentions.map((m) => m.text)).toEqual(['Marta Dover', 'Dover']);
    expect(surfaces(es, 'GPE')).not.toContain('Dover');
  });

  it("lets the document's own expansion of an acronym win over the general data", () => {
    // The general data knows CBI as the Confederation of British Industry.
    const es = one('The Central Bureau of Investigation (CBI) opened an inquiry into the contract. The CBI said its report would be ready in June.');
    const bureau = es.find((e) => e.type === 'ORG' && e.mentions.some((m) => m.text === 'Central Bureau of Investigation'));
    expect(bureau).toBeDefined();
    expect(bureau!.mentions.filter((m) => m.text === 'CBI')).toHaveLength(2);
    expect(es.some((e) => e.id === 'ORG:confederation-of-british-industry')).toBe(false);
  });

  it('reads a name ending in a hospital as the hospital, not a place and a person', () => {
    const es = one('The injured man was taken to Brantwood General Hospital on Monday.');
    expect(surfaces(es, 'ORG')).toContain('Brantwood General Hospital');
    expect(named(es, 'PERSON')).toEqual([]);
    expect(surfaces(es, 'GPE')).toEqual([]);
  });

  it('orders a name given name first from general data, whatever is used alone', () => {
    // "Ian" used alone more often than "Blair" must not invert a known given name.
    expect(orderGivenFirst(['Ian', 'Blair'], new Map([['ian', 3]]))).toBe('Ian Blair');
    // A family name written first and used alone still goes last.
    expect(orderGivenFirst(['Tanaka', 'Hiroshi'], new Map([['tanaka', 2]]))).toBe('Hiroshi Tanaka');
  });
});

describe('entity ids do not depend on the rest of the corpus', () => {
  const target = 'Police chief Sir Ian Bramley said the force would cope. Bramley added that Ian Bramley would report to ministers.\nDana Whitcombe, a union leader, disagreed. Whitcombe said staff were stretched.';
  const others = [
    'Bramley Ian was quoted in a local paper. Ian said little else. Ian left. Ian was not available later.',
    'Whitcombe Dana spoke at the rally. Dana said she was tired. Dana left at noon. Dana declined to say more.',
    'Ian Bramley, the chief constable, met the mayor. Bramley left early.',
    'A spokesman for Dana Whitcombe declined to comment.',
    'Rain fell across the north on Sunday.',
  ];
  const alone = entities({ target }).filter((e) => e.docId === 'target' && e.type === 'PERSON');

  it('gives a document the same person ids alone and with other documents, except through recorded merges', () => {
    expect(alone.map((e) => e.name).sort()).toEqual(['Dana Whitcombe', 'Ian Bramley']);
    fc.assert(
      fc.property(fc.subarray(others.map((_, i) => i)), (pick) => {
        const files: Record<string, string> = { target };
        for (const i of pick) files[`other${i}`] = others[i]!;
        const withOthers = entities(files).filter((e) => e.docId === 'target' && e.type === 'PERSON');
        for (const base of alone) {
          const now = withOthers.find((e) => e.mentions.some((m) => m.start === base.mentions[0]!.start));
          expect(now).toBeDefined();
          if (now!.id !== base.id) expect(now!.mergedFrom?.map((x) => x.id)).toContain(base.id);
          // Name order never flips: the given name stays first.
          expect(now!.name.split(' ')[0]).toBe(base.name.split(' ')[0]);
        }
      }),
      { numRuns: 12, seed: 16 },
    );
  });
});
