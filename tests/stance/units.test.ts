/** Unit tests of the stance modules on hand-built token tables, entities and quotes. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { analyze } from '../../src/nlp/wink.js';
import { makeView } from '../../src/nlp/doc-view.js';
import type { AnalysisRecord, DocumentRecord } from '../../src/schema.js';
import { cueTable } from '../../src/stages/stance/lexicon.js';
import { compile, scoreSentence } from '../../src/stages/stance/statements.js';
import { findTargetMentions } from '../../src/stages/stance/targets.js';
import { tokensOf } from '../../src/stages/stance/tokens.js';
import { labelOf } from '../../src/stages/stance/aggregate.js';
import { actorsFrom } from '../../src/stages/stance/actors.js';
import { formatActorSummary } from '../../src/stages/stance/summary.js';
import { runStance, simpleConfig, type EntityFixture } from './helpers.js';

function toks(text: string) {
  const a = analyze(text);
  const analysis = { schema: 1, docId: 'x', tokens: a.tokens, sentenceTokens: a.sentenceTokens, winkEntities: a.winkEntities } as AnalysisRecord;
  return tokensOf(makeView({ text, paragraphs: [{ start: 0, end: text.length, line: 1, kind: 'body' }] } as unknown as DocumentRecord, analysis));
}
const proposal = (name: string, aliases: string[] = [], related: string[] = []) => ({ name, aliases, related });

function sentenceScore(text: string, sets = ['policy']): number {
  const t = toks(text);
  const exclude = new Set<number>();
  for (const m of findTargetMentions(t, [proposal('Pacific Pact', ['Pacific version of the pact'])])) for (let i = m.first; i <= m.last; i++) exclude.add(i);
  return scoreSentence(t, 0, t.length - 1, compile(cueTable(sets)), exclude).hits.reduce((s, h) => s + h.score, 0);
}

describe('targets', () => {
  it('matches names case-, quote- and possessive-insensitively', () => {
    const text = `The “Pacific Pact” idea. An 'pacific pact' plan. Japan's push for an Pacific version of the pact, and Pacific Pact's future.`;
    const t = toks(text);
    const ms = findTargetMentions(t, [proposal('Pacific Pact', ['Pacific version of the pact'])]).filter((m) => m.kind === 'name');
    expect(ms.map((m) => text.slice(m.start, m.end))).toEqual(['Pacific Pact', 'pacific pact', 'Pacific version of the pact', 'Pacific Pact']);
  });

  it('resolves anaphora only after the target was named', () => {
    const text = 'The proposal was tabled. Then the four-day week came up. Critics attacked the idea. Such a plan is costly.';
    const ms = findTargetMentions(toks(text), [proposal('four-day week')]);
    const anaphora = ms.filter((m) => m.kind === 'anaphora').map((m) => text.slice(m.start, m.end));
    expect(anaphora).toEqual(['the idea', 'Such a plan']);
    expect(anaphora).not.toContain('The proposal');
  });

  it('keeps each mention on its own target when two are configured', () => {
    const text = 'The four-day week is popular. A wealth tax is not.';
    const ms = findTargetMentions(toks(text), [proposal('four-day week'), proposal('wealth tax')]);
    expect(ms.filter((m) => m.kind === 'name').map((m) => m.target)).toEqual(['four-day week', 'wealth tax']);
  });
});

describe('anaphora with "it"', () => {
  it('"it" right after the target refers to it; "it" far from any mention does not', () => {
    const text = 'The four-day week was debated. It is premature, critics said.\nThe weather was fine on Monday and the market was busy with many visitors from the coast all day long. It rained later.';
    const ms = findTargetMentions(toks(text), [proposal('four-day week')]).filter((m) => m.kind === 'anaphora');
    expect(ms.map((m) => text.slice(m.start, m.end))).toEqual(['It']);
  });
});

describe('statement scores', () => {
  it('implicatives flip what follows ("failed to endorse")', () => {
    expect(sentenceScore('The party failed to endorse the Pacific Pact.')).toBeLessThan(0);
  });

  it('negation flips a support cue and stays inside its clause', () => {
    expect(sentenceScore('The union does not support the Pacific Pact.')).toBeLessThan(0);
    // wink's negation flag runs across "and"; the scope here stops at the clause boundary.
    const t = toks('The union does not share this view and the party welcomes the Pacific Pact.');
    const hits = scoreSentence(t, 0, t.length - 1, compile(cueTable(['policy']))).hits;
    expect(hits.find((h) => h.cue === 'welcome')!.negated).toBe(false);
    expect(hits.find((h) => h.cue === 'share')!.negated).toBe(true);
  });

  it('"unlikely to endorse" and "not ready to join" are against', () => {
    expect(sentenceScore('He is unlikely to endorse a Pacific Pact.')).toBeLessThan(-0.5);
    expect(sentenceScore('Norway is not ready to sign the Pacific Pact.')).toBeLessThan(-0.3);
  });

  it('contrast: what follows "but" outweighs what precedes it', () => {
    expect(sentenceScore('A Pacific Pact is a good idea, but it is unrealistic for now.')).toBeLessThan(0);
    expect(sentenceScore('A Pacific Pact is unrealistic for now, but it is a good idea.')).toBeGreaterThan(0);
  });

  it('intensifiers strengthen, hedges weaken', () => {
    expect(Math.abs(sentenceScore('Peru strongly opposed the Pacific Pact.'))).toBeGreaterThan(Math.abs(sentenceScore('Peru opposed the Pacific Pact.')));
    expect(sentenceScore('A Pacific Pact would be necessary in the future.')).toBeLessThan(sentenceScore('A Pacific Pact is necessary.'));
  });

  it('support for an alternative ("rather than", "Instead") counts against the target', () => {
    expect(sentenceScore('They call for existing frameworks rather than a Pacific Pact.')).toBeLessThan(0);
    expect(sentenceScore('Instead, he advocated for bilateral ties.')).toBeLessThan(0);
  });

  it('"too early" carries opposition with no negative word in it', () => {
    expect(sentenceScore('It is too early to discuss a Pacific Pact.')).toBeLessThan(0);
  });
});

describe('holders', () => {
  const config = simpleConfig('Pacific Pact', ['Pacific version of the pact']);
  const ents: Record<string, EntityFixture[]> = {
    d: [
      { id: 'GPE:china', name: 'China', type: 'GPE', mentions: ['China'] },
      { id: 'GPE:japan', name: 'Japan', type: 'GPE', mentions: ['Japan'] },
      { id: 'GPE:south-korea', name: 'South Korea', type: 'GPE', mentions: ['South Korea'] },
      { id: 'GPE:india', name: 'India', type: 'GPE', mentions: ['India'] },
      { id: 'GPE:united-states', name: 'United States', type: 'GPE', mentions: ['US'] },
      { id: 'PERSON:kenji-sato', name: 'Kenji Sato', type: 'PERSON', mentions: ['Kenji Sato', 'Sato'] },
      { id: 'NORP:chinese', name: 'Chinese', type: 'NORP', mentions: ['Chinese'], country: 'GPE:china' },
    ],
  };
  const text = [
    'Kenji Sato proposed a Pacific Pact to deter aggression.',
    'Chinese officials have firmly opposed the plan.',
    'Meanwhile, the US dismissed Japan’s proposal.',
    'Nations such as South Korea and India voiced caution about such a pact.',
    'Analysts doubt that the Pacific Pact can work.',
  ].join('\n');
  const run = runStance({ d: text }, config, ents);
  const label = (id: string) => run.stances.find((s) => s.holder?.entityId === id)?.label;

  it('the proposer supports; subjects of opposing verbs oppose; NORP maps to its country', () => {
    expect(label('PERSON:kenji-sato')).toBe('support');
    expect(label('GPE:china')).toBe('oppose');
    expect(label('GPE:united-states')).toBe('oppose');
  });

  it('"X\'s proposal" makes X a supporter, not an opponent, even when someone else rejects it', () => {
    expect(label('GPE:japan')).toBe('support');
  });

  it('coordinated subjects each hold the stance', () => {
    expect(label('GPE:south-korea')).toBe('oppose');
    expect(label('GPE:india')).toBe('oppose');
  });

  it('unheld statements are the document\'s own', () => {
    const own = run.stances.find((s) => s.holder === null)!;
    expect(own.label).toBe('oppose');
    expect(own.evidence.map((e) => e.text)).toEqual(['Analysts doubt that the Pacific Pact can work.']);
  });

  it('objects and prepositional phrases are not holders; a possessive of another noun is not the proposer', () => {
    const t = [
      'Kenji Sato proposed a Pacific Pact last year.',
      'Chinese officials opposed the plan, urging Japan to abandon it.',
      'Given China’s ambitions, an alliance with India is essential.',
    ].join('\n');
    const r = runStance({ o: t }, config, { o: ents.d! });
    const lab = (id: string) => r.stances.find((s) => s.holder?.entityId === id)?.label;
    expect(lab('GPE:china')).toBe('oppose');
    expect(lab('GPE:japan')).toBeUndefined();
    expect(lab('GPE:india')).toBeUndefined();
  });

  it('a quote\'s speaker holds its content, even with no name in the sentence', () => {
    const t = 'Kenji Sato spoke on Monday.\n"It is too early for a Pacific Pact," he said.';
    const r = runStance({ q: t }, config, { q: ents.d! }, { q: [{ id: 'q:1', kind: 'direct', text: '"It is too early for a Pacific Pact,"', speaker: 'PERSON:kenji-sato' }] });
    const sato = r.stances.find((s) => s.holder?.entityId === 'PERSON:kenji-sato')!;
    expect(sato.label).toBe('oppose');
    expect(sato.evidence[0]!.quoteId).toBe('q:1');
  });
});

describe('reporting-verb framing', () => {
  it('affirming verbs lean the author toward the content, distancing verbs away from it', () => {
    const config = simpleConfig('four-day week');
    const ents = { f: [{ id: 'PERSON:ann-lee', name: 'Ann Lee', type: 'PERSON', mentions: ['Ann Lee'] }] };
    const own = (text: string) => runStance({ f: text }, config, ents).stances.find((s) => s.holder === null)!.score;
    const ann = (text: string) => runStance({ f: text }, config, ents).stances.find((s) => s.holder?.entityId === 'PERSON:ann-lee')!.label;
    expect(own('Ann Lee acknowledged that the four-day week is necessary.')).toBeGreaterThan(0);
    expect(own('Ann Lee claimed that the four-day week is necessary.')).toBeLessThan(0);
    expect(ann('Ann Lee claimed that the four-day week is necessary.')).toBe('support');
  });
});

describe('several targets', () => {
  it('each record names its target; stances do not leak between targets', () => {
    const config = parseConfig({
      proposal: [
        { name: 'four-day week', aliases: ['4-day week'] },
        { name: 'wealth tax', aliases: ['tax on the rich'] },
      ],
      stages: { normalize: { removeChrome: false, detectMetadata: false } },
    });
    const text = 'Ann Lee endorsed the four-day week.\nBo Ray rejected the wealth tax.';
    const r = runStance({ m: text }, config, {
      m: [
        { id: 'PERSON:ann-lee', name: 'Ann Lee', type: 'PERSON', mentions: ['Ann Lee'] },
        { id: 'PERSON:bo-ray', name: 'Bo Ray', type: 'PERSON', mentions: ['Bo Ray'] },
      ],
    });
    const got = r.stances.filter((s) => s.holder).map((s) => `${s.holder!.name}/${s.target}/${s.label}`).sort();
    expect(got).toEqual(['Ann Lee/four-day week/support', 'Bo Ray/wealth tax/oppose']);
    expect(r.stances.filter((s) => s.holder === null).map((s) => s.target).sort()).toEqual(['four-day week', 'wealth tax']);
  });
});

describe('aggregation and summary', () => {
  it('labels by the configured neutral threshold', () => {
    expect(labelOf(0.1, 0.15)).toBe('neutral');
    expect(labelOf(0.2, 0.15)).toBe('support');
    expect(labelOf(-0.2, 0.15)).toBe('oppose');
    const config = parseConfig({ proposal: { name: 'x' }, stages: { stance: { neutralThreshold: 0.5 } } });
    expect(config.stages.stance.neutralThreshold).toBe(0.5);
  });

  it('actors fold documents; the summary lists each actor with its strongest evidence', () => {
    const stances = [
      { docId: 'a', holder: { entityId: 'GPE:china', name: 'China' }, target: 't', label: 'oppose' as const, score: -0.8, evidence: [{ start: 0, end: 5, text: 'No way', score: -0.8 }] },
      { docId: 'b', holder: { entityId: 'GPE:china', name: 'China' }, target: 't', label: 'oppose' as const, score: -0.4, evidence: [{ start: 0, end: 5, text: 'Maybe not', score: -0.4 }] },
      { docId: 'b', holder: null, target: 't', label: 'neutral' as const, score: 0, evidence: [] },
    ];
    const actors = actorsFrom(stances, 0.15);
    expect(actors).toEqual([
      { entityId: 'GPE:china', name: 'China', type: 'GPE', target: 't', documents: 2, label: 'oppose', score: -0.6, counts: { support: 0, oppose: 2, neutral: 0 } },
    ]);
    const lines = formatActorSummary(actors, stances);
    expect(lines.join('\n')).toContain('China');
    expect(lines.find((l) => l.includes('China'))).toContain('No way');
  });

  it('the summary counts a duplicate copy\'s document stance once and takes no evidence from it', () => {
    const stances = [
      { docId: 'a', holder: { entityId: 'GPE:china', name: 'China' }, target: 't', label: 'oppose' as const, score: -0.4, evidence: [{ start: 0, end: 5, text: 'Maybe not', score: -0.4 }] },
      { docId: 'a', holder: null, target: 't', label: 'oppose' as const, score: -0.4, evidence: [] },
      { docId: 'b', holder: { entityId: 'GPE:china', name: 'China' }, target: 't', label: 'oppose' as const, score: -0.9, evidence: [{ start: 0, end: 5, text: 'From the copy', score: -0.9 }], duplicateOf: 'a' },
      { docId: 'b', holder: null, target: 't', label: 'oppose' as const, score: -0.4, evidence: [], duplicateOf: 'a' },
    ];
    const lines = formatActorSummary(actorsFrom(stances.filter((s) => !s.duplicateOf), 0.15), stances);
    expect(lines).toContain('  documents: 1 (support 0, oppose 1, neutral 0; 1 duplicate copy not counted)');
    expect(lines.find((l) => l.includes('China'))).toContain('Maybe not');
  });
});
