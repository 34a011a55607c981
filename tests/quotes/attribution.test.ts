/**
 * Direct vs mixed typing and speaker patterns of direct quotes (synthetic texts): quotes embedded in
 * a reported clause, speakers after the quote (party labels, of-phrases, long appositives,
 * determiner phrases, possessives), the subject of the sentence when no cue is adjacent, and
 * grouping over paragraphs.
 */
import { describe, expect, it } from 'vitest';
import { predictedItems } from '../../src/eval/attribution-devset.js';
import { quotesOf } from './helpers.js';

const direct = (text: string) => quotesOf(text).quotes.filter((q) => q.kind === 'direct');
const speakerOf = (text: string, quote: string) => direct(text).find((q) => q.text === quote)?.speaker.text ?? null;

describe('direct vs mixed', () => {
  // Skipped after merging the two quotes branches: the reported-speech frames now end before the embedded quote; to fix next session (issue 4).
  it('emits the reported clause around a quote embedded in it, holding the quote (mixed)', () => {
    const text = 'The harbour master pledged to “keep every berth open through the winter,” according to the minutes.';
    const { quotes } = quotesOf(text);
    const d = quotes.find((q) => q.kind === 'direct');
    expect(d?.text).toBe('keep every berth open through the winter,');
    const clause = quotes.find((q) => q.kind === 'indirect' && q.start <= d!.start && q.end >= d!.end);
    expect(clause, JSON.stringify(quotes.map((q) => [q.kind, q.text]))).toBeDefined();
    expect(clause!.text.startsWith('to “keep')).toBe(true);
    expect(clause!.speaker.text).toBe('The harbour master');
    expect(predictedItems(quotes).map((i) => i.kind)).toContain('mixed');
  });
  it('emits a quote the sentence goes on after as reported content with it, without the trailing attribution (mixed)', () => {
    const text = '“She can say it, but it looks very unlikely” that the challenger can catch up, said Oren Blau, a party strategist.';
    const { quotes } = quotesOf(text);
    const clause = quotes.find((q) => q.kind === 'indirect');
    expect(clause?.text).toBe('“She can say it, but it looks very unlikely” that the challenger can catch up');
    expect(clause?.speaker.text).toBe('Oren Blau');
    expect(predictedItems(quotes).map((i) => i.kind)).toEqual(['mixed']);
  });
  it('keeps two quotes joined by a connective direct', () => {
    const text = 'The coach says “the whole league has gone soft” because “the rules have gone soft.”';
    const items = predictedItems(quotesOf(text).quotes);
    expect(items.some((i) => i.kind === 'mixed')).toBe(false);
  });
  it('ends reported content before a full quote that its own cue introduces', () => {
    const text = 'The minister said the auditors had approved every line of her budget, to which Ansel Ruiz interjected: “That is simply not true.”';
    const { quotes } = quotesOf(text);
    const reported = quotes.find((q) => q.kind === 'indirect');
    expect(reported?.text).toBe('the auditors had approved every line of her budget');
    const items = predictedItems(quotes);
    expect(items.find((i) => i.kind === 'direct')?.sourceText).toBe('Ansel Ruiz');
    expect(items.some((i) => i.kind === 'mixed')).toBe(false);
  });
  it('takes the start of the sentence a quote completes into the reported content (mixed)', () => {
    const parenthetical = 'No change of name, he said, “hides what the group really is.”';
    const a = quotesOf(parenthetical).quotes.find((q) => q.kind === 'indirect');
    expect(a?.text).toBe('No change of name, he said, “hides what the group really is.”');
    const subordinate = 'If the bill passes, “I think it will fill a very deep void,” Mina Sato said.';
    const b = quotesOf(subordinate).quotes.find((q) => q.kind === 'indirect');
    expect(b?.text).toBe('If the bill passes, “I think it will fill a very deep void,”');
    expect(b?.speaker.text).toBe('Mina Sato');
  });
  it('does not take a clause with its own cue as the start of the content', () => {
    const ownCue = 'When someone in the crowd shouted, “Run again,” the senator only laughed and waved.';
    expect(quotesOf(ownCue).quotes.some((q) => q.kind === 'indirect' && q.text.startsWith('When someone'))).toBe(false);
  });
  it('gives an embedded clause the source of the participle that governs it', () => {
    const text = 'Acknowledging that the mayor “says a lot of silly things,” though, Ada Voss did suggest the plan had merit.';
    const clause = quotesOf(text).quotes.find((q) => q.kind === 'indirect' && q.text.includes('silly things'));
    expect(clause?.speaker.text).toBe('Ada Voss');
    expect(clause?.cue?.text).toBe('Acknowledging');
  });
  it('keeps a quote after `that` inside reported speech as mixed', () => {
    const text = 'Lena Okafor argued that the tariff was “a tax on our own farmers.”';
    const items = predictedItems(quotesOf(text).quotes);
    expect(items.some((i) => i.kind === 'mixed')).toBe(true);
    expect(items.some((i) => i.kind === 'direct')).toBe(false);
  });
  it('keeps a full-sentence quote direct', () => {
    const text = '“We will reopen the bridge in May,” the mayor said.';
    const items = predictedItems(quotesOf(text).quotes);
    expect(items.map((i) => i.kind)).toEqual(['direct']);
  });
  it('keeps a quote right after a verb of saying direct', () => {
    const text = 'At the rally the senator said “we are not going anywhere without a fight” and left the stage.';
    const items = predictedItems(quotesOf(text).quotes);
    expect(items.filter((i) => i.kind === 'direct')).toHaveLength(1);
  });
  it('does not group a full quote with a partial quote before it on the same cue', () => {
    const text = 'Praising the crew’s “quiet courage,” Captain Ilse Marr said, “Nobody on this ship hesitated for a second.”';
    const items = predictedItems(quotesOf(text).quotes);
    expect(items.some((i) => i.kind === 'direct' && i.text === 'Nobody on this ship hesitated for a second.')).toBe(true);
  });
});

describe('titles and headlines', () => {
  it('does not report a title-case quote or a quote with a byline as someone’s words', () => {
    const text = 'The troupe is staging “Sons of the Storm” this winter, and the reviews called it brave.\n\n—“Art Show Opens in the Old Mill,” by Tess Arno: the curators hope to fill the hall.';
    expect(direct(text).map((q) => q.text)).toEqual([]);
  });
  it('keeps a capitalized quote attributed right after its comma', () => {
    const text = '“Nusra Is Al Qaeda,” the Secretary said on Friday.';
    expect(direct(text).map((q) => q.speaker.text)).toEqual(['the Secretary']);
  });
});

describe('speakers of direct quotes', () => {
  it('takes the speaker after a party label in parentheses', () => {
    const text = '“The levee money is already spent,” Rep. Tomas Greer (D-Ore.) said.';
    expect(speakerOf(text, 'The levee money is already spent,')).toBe('Rep. Tomas Greer');
  });
  it('takes the speaker over an of-phrase of names', () => {
    const text = '“Rates will not fall before spring,” Mara Quint of the Harbor Policy Institute wrote on Monday.';
    expect(speakerOf(text, 'Rates will not fall before spring,')).toBe('Mara Quint');
  });
  it('ends the speaker after an inverted cue with its sentence and paragraph', () => {
    const text = '“The levy is a mistake,” said Osric Penhale.\n\nWilla Sand warned that the levy would close shops.';
    expect(speakerOf(text, 'The levy is a mistake,')).toBe('Osric Penhale');
  });
  it('takes the name in apposition to a possessive role phrase after an inverted cue', () => {
    const text = 'The Harbour Pilots Guild rejected the offer. “This is a pay cut in disguise,” said its general secretary, Odile Vance.';
    expect(speakerOf(text, 'This is a pay cut in disguise,')).toBe('Odile Vance');
  });
  it('takes the name in apposition to a possessive role phrase before the cue', () => {
    const text = 'The Harbour Pilots Guild met on Monday. “Nothing has changed,” its spokesman, Bram Ostrow, said.';
    expect(speakerOf(text, 'Nothing has changed,')).toBe('Bram Ostrow');
  });
  it('skips a long appositive with several commas', () => {
    const text = '“I voted for him twice and I regret it,” Nell Aston, 58, a retired nurse in Salem, Ore., said in an interview.';
    expect(speakerOf(text, 'I voted for him twice and I regret it,')).toBe('Nell Aston');
  });
  it('takes an animate determiner phrase after an inverted cue', () => {
    const text = '“It is going to be a long night,” said a longtime party strategist who asked not to be named.';
    expect(speakerOf(text, 'It is going to be a long night,')).toBe('a longtime party strategist');
  });
  it('takes a person noun with a for-phrase before the cue', () => {
    const text = '“The numbers have not changed at all,” a spokesman for the county clerks said.';
    expect(speakerOf(text, 'The numbers have not changed at all,')).toBe('a spokesman');
  });
  it('takes a determiner phrase with a relative clause after an inverted cue', () => {
    const text = '“We cannot sell a plan nobody has read,” said the Ohio businessman, who toured the plant on Monday.';
    expect(speakerOf(text, 'We cannot sell a plan nobody has read,')).toBe('the Ohio businessman');
  });
  it('takes a possessive speaker phrase', () => {
    const text = '“He taught me everything about maps,” his colleague wrote on the memorial page.';
    expect(speakerOf(text, 'He taught me everything about maps,')).toBe('his colleague');
  });
  it('finds the cue after a nested quote closing with the outer one', () => {
    const text = "''People keep telling me 'wait until next year,''' Dora Hale said.";
    const q = direct(text)[0];
    expect(q?.speaker.text).toBe('Dora Hale');
  });
  it('finds the cue after a question mark inside a nested quote', () => {
    const text = '“The pilot only asked, ‘Is the runway dry yet?’” Ruben Ortiz told reporters on Friday.';
    expect(direct(text)[0]?.speaker.text).toBe('Ruben Ortiz');
  });
  it('splits a cue the tagger read into the speaker phrase, and groups the next fragment with it', () => {
    // `fumed` is tagged as an adjective and `notes` as a noun: without the split, the first quote
    // has no speaker and the second would be grouped with the quote paragraph before.
    const text = '“The bridge vote was a farce,” Ida Crane said.\n\n“If they meant it, they would have called the vote months ago,” Ferris fumed on Tuesday. “That would have shown good faith.”\n\n“Look at the budget table,” Vance notes. “It tells a different story.”';
    const qs = direct(text);
    const of = (quote: string) => qs.find((q) => q.text.startsWith(quote));
    expect(of('If they meant it')?.speaker.text).toBe('Ferris');
    expect(of('That would have shown')?.group).toBe(of('If they meant it')?.id);
    expect(of('Look at the budget')?.speaker.text).toBe('Vance');
    expect(of('It tells a different')?.group).toBe(of('Look at the budget')?.id);
  });
  it('takes the head noun before a postmodifying adjective after an inverted cue', () => {
    const text = '“The drop is all about the old trust problem,” said a person close to the campaign. “There is not a lot we can do.”';
    expect(speakerOf(text, 'The drop is all about the old trust problem,')).toBe('a person');
    expect(speakerOf(text, 'There is not a lot we can do.')).toBe('a person');
  });
  it('reads a capitalized modal before a surname as a first name', () => {
    const text = '“Tuition follows the labour market,” said Will Norberg, a professor of economics at the state college.';
    expect(speakerOf(text, 'Tuition follows the labour market,')).toBe('Will Norberg');
  });
  it('takes the name before a colon as the speaker when no verb introduces the quote', () => {
    const text = 'A fresh look at turnout in the early states - Dora Flint: “Two weeks ago the south was the strongest region.”\n\nRep. Ivo Lind (D-Ore.): “Nobody has ever cited that figure to me.”\n\nThe rally had one message: “Vote them out.”';
    expect(speakerOf(text, 'Two weeks ago the south was the strongest region.')).toBe('Dora Flint');
    expect(speakerOf(text, 'Nobody has ever cited that figure to me.')).toBe('Rep. Ivo Lind');
    expect(speakerOf(text, 'Vote them out.')).not.toBe('one message');
  });
  it('takes a determiner phrase that closes the attribution, and the next fragment with it', () => {
    const text = '“It is hard to come back to work right after a baby,” said the designer, who works for another label. “But it is harder when the company does not value that choice.”';
    expect(speakerOf(text, 'It is hard to come back to work right after a baby,')).toBe('the designer');
    expect(speakerOf(text, 'But it is harder when the company does not value that choice.')).toBe('the designer');
  });
  it('does not take a title in the speaker’s aside as the next fragment', () => {
    const text = '“It is too early to tell,” said Tomas Reyes, who hosts the radio show “Early Birds.” “It all depends on the economy next year, and nobody knows that.”';
    const qs = direct(text);
    const first = qs.find((q) => q.text.startsWith('It is too early'));
    const next = qs.find((q) => q.text.startsWith('It all depends'));
    expect(next?.speaker.text).toBe('Tomas Reyes');
    expect(next?.group).toBe(first?.id);
  });
  it('takes the source of the sentence before a quote that opens its own sentence', () => {
    const text = 'Dana Whitcomb, a pollster at the state university, agreed. “Mainstream voters are running out of time to find an alternative.”';
    expect(speakerOf(text, 'Mainstream voters are running out of time to find an alternative.')).toBe('Dana Whitcomb');
  });
  it('finds a reporting word after a comma-led quote whatever the tagger made of the phrase before it', () => {
    const text = '“The frontrunner is fading,” Ohio-based Lena Marsh said. “Support was soft to begin with.”\n\n“The kingdom has worked with its allies on every front,” the envoys state in the white paper. “It shares the same enemies.”';
    expect(speakerOf(text, 'The frontrunner is fading,')).toBe('Ohio-based Lena Marsh');
    expect(speakerOf(text, 'Support was soft to begin with.')).toBe('Ohio-based Lena Marsh');
    expect(speakerOf(text, 'The kingdom has worked with its allies on every front,')).toBe('the envoys');
  });
  it('takes a determiner phrase before a relative clause after an inverted cue', () => {
    const text = '“If I gave money, I would want answers,” said a prominent committee member who backs the nominee. “There is no plan.”';
    expect(speakerOf(text, 'If I gave money, I would want answers,')).toBe('a prominent committee member');
  });
  it('gives a participial cue the subject of the nearest finite verb, not a place in an adjunct', () => {
    const text = 'Speaking at a town hall in Salem, New Hampshire, Ada Voss went after her rival, calling the plan “a total mess, start to finish.”';
    expect(speakerOf(text, 'a total mess, start to finish.')).toBe('Ada Voss');
  });
  it('takes the name signing a quote paragraph in the next paragraph', () => {
    const text = 'The claim is old.\n\n“I warned the banks before the crash, and nobody listened to me.”\n\n- Senator Ada Voss.\n\nShe tends to overstate it.';
    expect(speakerOf(text, 'I warned the banks before the crash, and nobody listened to me.')).toBe('Senator Ada Voss');
  });
  it('takes the subject of the sentence when no cue is next to the quote', () => {
    const text = 'The union bulletin goes on to say: “No member will cross a picket line this year.”';
    expect(speakerOf(text, 'No member will cross a picket line this year.')).toBe('The union bulletin');
  });
  it('gives no speaker to a quoted text that no speech verb, colon or comma introduces', () => {
    const text = 'Under the 2019 charter, the council can act only “when a member state asks for help in writing and the vote is unanimous”.';
    const q = direct(text).find((x) => x.text.startsWith('when a member state'));
    expect(q?.speaker.text ?? null).toBeNull();
  });
  it('does not take a cue from another paragraph', () => {
    const text = '“The ferry schedule is a mess,” said Sen. Ann Bell (D-Conn.), who rides it every week. “Nobody knows when the boats leave.”\n\n“The timetable is printed every Monday,” Mr. Pell said.';
    const qs = direct(text);
    const second = qs.find((q) => q.text === 'Nobody knows when the boats leave.');
    expect(second?.speaker.text).toBe('Sen. Ann Bell');
    expect(second?.group).toBe(qs.find((q) => q.text === 'The ferry schedule is a mess,')?.id);
  });
  it('groups a quote paragraph that follows a quote paragraph', () => {
    const text = '“We are not leaving,” Ada Brill said. “This is our home.”\n\n“And it will stay our home.”\n\nThe council meets again in June.';
    const qs = direct(text);
    const last = qs.find((q) => q.text === 'And it will stay our home.');
    expect(last?.speaker.text).toBe('Ada Brill');
    expect(last?.group).toBe(qs[0]!.id);
  });
  it('groups a quote paragraph that follows a paragraph ending on its cue', () => {
    const text = '“We will rebuild the old bridge!” Ada Brill said to an enormous cheer.\n\n“And the county will pay for it, every cent.”';
    const qs = direct(text);
    expect(qs).toHaveLength(2);
    expect(qs[1]?.speaker.text).toBe('Ada Brill');
    expect(qs[1]?.group).toBe(qs[0]!.id);
  });
});

describe('according to, with an appositive', () => {
  const indirect = (text: string) => quotesOf(text).quotes.filter((q) => q.kind === 'indirect');
  it('leaves the appositive after the source out of the content', () => {
    const q = indirect('According to Mirela Hadzic, an economist at the Port Institute, the evidence on the levy is mixed.');
    expect(q.map((x) => [x.speaker.text, x.text])).toContainEqual(['Mirela Hadzic', 'the evidence on the levy is mixed']);
  });
  it('takes the name in apposition to a possessive role phrase as the source', () => {
    const q = indirect('The Quay Traders Guild is opposed. According to its chief executive, Anton Vrbek, the levy would fall on small shops.');
    expect(q.map((x) => [x.speaker.text, x.text])).toContainEqual(['Anton Vrbek', 'the levy would fall on small shops']);
  });
});
