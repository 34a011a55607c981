/**
 * `newsstance init`: a config for a new proposal, an input folder, and an empty gold template that
 * `newsstance eval --gold` scores once filled in. Nothing is overwritten without `force`.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseConfig, proposalsOf, proposalWarnings, type PipelineConfigInput } from '../config.js';
import { writeFileAtomic } from '../io/jsonl.js';
import { UsageError } from '../pipeline/errors.js';
import { shownPath } from '../io/shown.js';

export interface InitOptions {
  /** Config file to write (relative paths in it are resolved against its folder). */
  config: string;
  proposal: string;
  aliases: string[];
  related: string[];
  /** Input folder, relative to the config's folder. Default "raw". */
  input: string;
  /** Output folder, relative to the config's folder. Default "output". */
  output: string;
  /** Gold template file, relative to the config's folder. Default "gold.json". */
  gold: string;
  force: boolean;
}

export interface InitResult {
  configFile: string;
  goldFile: string;
  inputDir: string;
  /** Whether the input folder was created (it did not exist). */
  createdInput: boolean;
  /** What each field means, one line each, for the user. */
  explanation: string[];
}

/** One line per config field: what it means (printed by `init`). */
export const FIELD_HELP: Array<[string, string]> = [
  ['input.dir', 'folder of raw articles (.txt, any encoding), relative to this file'],
  ['input.patterns', 'glob patterns of the files to read inside input.dir'],
  ['output.dir', 'where artifacts, the report, logs and the cache go'],
  ['concurrency', 'worker threads; 0 = one per core'],
  ['proposal.name', 'the proposal every stance record names as its target'],
  ['proposal.aliases', 'other names articles use for it (matched case-, quote- and possessive-insensitively)'],
  ['proposal.related', 'topical terms that signal the proposal without naming it (optional, weighted lower)'],
  ['report.topActors', 'actors on the report\'s first page (all are on report/actors.html)'],
  ['stages.normalize.removeChrome', 'keep site navigation, share lines, captions... out of the text (off for clean corpora)'],
  ['stages.quotes.indirect', 'extract reported speech as well as direct quotes'],
  ['stages.stance.neutralThreshold', 'scores with a smaller magnitude are labelled neutral'],
];

/**
 * The gold template: the shape `eval` reads (see src/eval/types.ts) with no document yet, and an
 * example entry under `template` to copy into `documents` for each annotated article.
 */
export function goldTemplate(proposal: string, aliases: string[]): Record<string, unknown> {
  return {
    version: 1,
    about:
      'Hand annotations for `newsstance eval --gold <this file>`. Add one entry per annotated article to `documents`, copying `template` ' +
      '(id = the input file path relative to the input folder, without extension). Labels: support | oppose | neutral; certainty clear | arguable ' +
      '(only clear items are scored). Quote text is the quoted or reported words without quotation marks.',
    proposal: { name: proposal, aliases },
    documents: [],
    template: {
      id: 'folder/article-name',
      title: null,
      published: null,
      author: null,
      boilerplate: [],
      bodyStartsWith: '',
      bodyEndsWith: '',
      entities: [{ name: 'Full Name', type: 'PERSON', mentions: ['Full Name', 'Surname'] }],
      quotes: [{ kind: 'direct', speaker: 'Full Name', cue: 'said', text: 'the quoted words' }],
      stances: [{ actor: 'Full Name', label: 'support', certainty: 'clear' }],
      documentStance: { label: 'neutral', certainty: 'arguable' },
      optionalEntities: [],
    },
  };
}

/**
 * Write the config (validated by the same schema `run` uses), create the input folder when absent,
 * and write the gold template.
 * @throws UsageError when the config or gold file exists (without `force`), or the proposal is empty.
 */
export async function initProject(o: InitOptions): Promise<InitResult> {
  const proposal = o.proposal.trim();
  if (!proposal) throw new UsageError('--proposal must not be empty (e.g. --proposal "four-day week")');
  const configFile = path.resolve(o.config);
  const base = path.dirname(configFile);
  const goldFile = path.resolve(base, o.gold);
  for (const f of [configFile, goldFile]) {
    if (existsSync(f) && !o.force) throw new UsageError(`${shownPath(f)} exists; not overwriting it (--force to replace it)`);
  }
  const clean = (list: string[]): string[] => [...new Set(list.map((x) => x.trim()).filter((x) => x && x.toLowerCase() !== proposal.toLowerCase()))];
  const raw: PipelineConfigInput = {
    input: { dir: o.input, patterns: ['**/*.txt'] },
    output: { dir: o.output },
    concurrency: 0,
    proposal: { name: proposal, aliases: clean(o.aliases), related: clean(o.related) },
    report: { topActors: 25 },
    stages: { normalize: { removeChrome: true }, quotes: { indirect: true }, stance: { neutralThreshold: 0.15 } },
  };
  const parsed = parseConfig(raw, 'init'); // the same checks as `run`: fails here, not at the first run
  const inputDir = path.resolve(base, o.input);
  const createdInput = !existsSync(inputDir);
  mkdirSync(inputDir, { recursive: true });
  mkdirSync(base, { recursive: true });
  await writeFileAtomic(configFile, JSON.stringify(raw, null, 2) + '\n');
  await writeFileAtomic(goldFile, JSON.stringify(goldTemplate(proposal, clean(o.aliases)), null, 2) + '\n');
  const rel = (p: string): string => shownPath(p);
  const files = readdirSync(inputDir).filter((f) => f.endsWith('.txt')).length;
  const explanation = [
    `wrote ${rel(configFile)} (proposal "${proposal}"${raw.proposal && 'aliases' in raw.proposal && raw.proposal.aliases?.length ? `, aliases ${raw.proposal.aliases.map((a) => `"${a}"`).join(', ')}` : ''})`,
    ...FIELD_HELP.map(([k, v]) => `  ${k.padEnd(32)} ${v}`),
    `input folder ${rel(inputDir)}${createdInput ? ' (created, empty)' : ` (${files} .txt file(s) there)`}: put the articles there, one .txt file each`,
    `wrote ${rel(goldFile)}: an empty gold template; fill in "documents" (copy "template") and score with: newsstance eval --gold ${rel(goldFile)} --output ${rel(path.resolve(base, o.output))}`,
    // Said here, where the alias is chosen, as well as by the runs that use it.
    ...proposalWarnings(proposalsOf(parsed)).map((w) => `warning: ${w}`),
    `next: newsstance run --config ${rel(configFile)}`,
  ];
  return { configFile, goldFile, inputDir, createdInput, explanation };
}
