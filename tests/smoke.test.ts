import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { STAGES } from '../src/stages/index.js';
import { runInProcess, rawInputFromText } from '../src/pipeline/inprocess.js';

describe('in-process pipeline', () => {
  it('normalizes a small document with exact sentence offsets', () => {
    const config = parseConfig({ proposal: { name: 'four-day week' } });
    const { artifacts, errors } = runInProcess([rawInputFromText('a', 'First line here.\n\nSecond one. Third one.\n')], config, STAGES);
    expect(errors).toEqual([]);
    const doc = artifacts.documents![0] as { text: string; sentences: Array<{ start: number; end: number }> };
    expect(doc.sentences.map((s) => doc.text.slice(s.start, s.end))).toEqual(['First line here.', 'Second one.', 'Third one.']);
  });
});

describe('the wink pass', () => {
  it('gives no sentence and no token for an empty text, and exact offsets otherwise', async () => {
    const { analyze } = await import('../src/nlp/wink.js');
    expect(analyze('')).toMatchObject({ sentenceTokens: [], tokens: { start: [] } });
    const text = 'Rocket 🚀 rose.\n\nIt “flew” high.';
    const a = analyze(text);
    const surfaces = a.tokens.start.map((s, i) => text.slice(s, a.tokens.end[i]));
    expect(surfaces).toEqual(['Rocket', '🚀', 'rose', '.', 'It', '“', 'flew', '”', 'high', '.']);
    expect(a.sentenceTokens).toEqual([[0, 3], [4, 9]]);
  });
});
