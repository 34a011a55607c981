/**
 * Diagnostics as data: one shape for everything a run has to say about its input or itself (a
 * file set aside, a malformed artifact line, a document a stage could not process, a fallback
 * worth a warning). The idea is vfile-message's: a severity, a stable code, who said it and where.
 * Stages report through the `report` function they get in `process`; the pipeline collects
 * everything in one `DiagnosticSink`, which drops repeats and sorts, and writes the errors to
 * errors.jsonl (the contract's `ErrorRecord`, with `code` and `severity` beside `error`).
 */
import type { ErrorRecord } from './schema.js';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** `error`: the document or line is set aside (errors.jsonl, exit status 1); `warning`: logged only. */
  severity: Severity;
  /** Stable code, `area/what` (`decode/binary`, `input/empty`, `jsonl/malformed`). */
  code: string;
  /** What reported it: a stage name, or `input` for the listing of the input folder. */
  source: string;
  docId?: string;
  /** Path relative to the input folder (raw files) or the output folder (artifacts). */
  file?: string;
  /** 1-based line in `file`. */
  line?: number;
  /** UTF-16 offsets into the document's normalized text, `end` exclusive. */
  span?: { start: number; end: number };
  message: string;
}

/** What a stage passes to `report`: the pipeline fills in `source` and `docId`. */
export type Report = (diagnostic: Omit<Diagnostic, 'source' | 'docId'> & { docId?: string }) => void;

/**
 * A failure that belongs to one document (bad encoding, empty file...), thrown from `process`: the
 * document is set aside with this code and message, the run goes on.
 */
export class DiagnosticError extends Error {
  constructor(
    /** Stable code, `area/what`. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DiagnosticError';
  }
}

/** The diagnostic for an exception thrown while processing a document. */
export function diagnosticOf(error: unknown, source: string, docId?: string): Diagnostic {
  const code = error instanceof DiagnosticError ? error.code : 'stage/exception';
  const message = error instanceof Error ? error.message : String(error);
  return { severity: 'error', code, source, ...(docId !== undefined ? { docId } : {}), message };
}

/**
 * One run's diagnostics. A line of an artifact read by several stages is reported once (the key is
 * file and line); any other diagnostic once per identical content. `sorted()` orders them by
 * document (or file), then by the rank of their source in `order`, then by line.
 */
export class DiagnosticSink {
  private readonly seen = new Set<string>();
  private readonly list: Diagnostic[] = [];

  /** `order`: sources in pipeline order (`input` sorts first). */
  constructor(private readonly order: readonly string[] = []) {}

  /** Adds `d` unless already reported; returns whether it was new. */
  add(d: Diagnostic): boolean {
    const key = d.file !== undefined && d.line !== undefined ? `${d.file}:${d.line}` : JSON.stringify([d.severity, d.code, d.source, d.docId, d.file, d.message]);
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    this.list.push(d);
    return true;
  }

  /** The diagnostics of one severity, in the order they were added. */
  of(severity: Severity): Diagnostic[] {
    return this.list.filter((d) => d.severity === severity);
  }

  sorted(severity: Severity = 'error'): Diagnostic[] {
    const rank = (source: string) => (source === 'input' ? -1 : this.order.indexOf(source));
    const where = (d: Diagnostic) => d.docId ?? d.file ?? '';
    return this.of(severity).sort((a, b) => compare(where(a), where(b)) || rank(a.source) - rank(b.source) || (a.line ?? 0) - (b.line ?? 0));
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** errors.jsonl's line for a diagnostic: the contract's fields first, `code` and `severity` added. */
export function toErrorRecord(d: Diagnostic): ErrorRecord {
  return {
    stage: d.source,
    ...(d.docId !== undefined ? { docId: d.docId } : {}),
    ...(d.file !== undefined ? { path: d.file } : {}),
    ...(d.line !== undefined ? { line: d.line } : {}),
    error: d.code,
    message: d.message,
    code: d.code,
    severity: d.severity,
  };
}

/** A line of errors.jsonl (written by this or an earlier version) as a diagnostic. */
export function fromErrorRecord(r: ErrorRecord): Diagnostic {
  return {
    severity: r.severity ?? 'error',
    code: r.code ?? r.error,
    source: r.stage,
    ...(r.docId !== undefined ? { docId: r.docId } : {}),
    ...(r.path !== undefined ? { file: r.path } : {}),
    ...(r.line !== undefined ? { line: r.line } : {}),
    message: r.message,
  };
}
