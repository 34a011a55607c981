/** The shapes of an audit: its options and its result (audit.ts builds them, format.ts prints them). */
import type { Diagnostic } from '../diagnostic.js';
import type { AuditSpan } from './context.js';
import type { AuditTarget } from './ids.js';

export interface AuditOptions {
  json: boolean;
  /** Characters of context each side of a span (default 60). */
  context?: number;
  /** Highlight with ANSI inverse instead of »…« (default: when stdout is a terminal). */
  color?: boolean;
}

export interface AuditItem {
  docId: string;
  /** Artifact file and 1-based line the record was read from. */
  artifact: string;
  artifactLine: number;
  record: unknown;
  /** Raw file (relative to the input folder) and the line the record starts at. */
  rawFile: string | null;
  rawLine: number | null;
  spans: AuditSpan[];
  /** Audit ids of the document's entities, quotes and stances (document audits only). */
  contents?: { entities: string[]; quotes: string[]; stances: string[] };
  /** Problems an auditor should see (missing document, span text that does not match). */
  notes: string[];
}

export interface AuditResult {
  id: string;
  found: boolean;
  kind: AuditTarget['kind'] | null;
  items: AuditItem[];
  message?: string;
  /** Artifact lines that could not be read while looking. */
  badLines: Diagnostic[];
}
