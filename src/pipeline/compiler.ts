/**
 * One V8 setting for the threads that run stage tasks: functions whose bytecode is over
 * MAX_OPTIMIZED_BYTECODE bytes are left to V8's baseline tiers, never compiled by TurboFan.
 *
 * Why: each stage has a few long per-document functions (the stance analysis of a document, the
 * speaker registry, a document's entity extraction: 4-17 KB of bytecode). TurboFan compiled each of
 * them 5-13 times per worker over a 5,000-document run (a new object shape in a later document
 * deoptimizes them, and they are optimized again), at 100-500 ms of a background thread per
 * compile: V8's compiler threads used about a third of the run's CPU, more than some stages'
 * rules. They run once per document, so their own optimized code saves little; what they call
 * (the token scans, the tagger's scoring, every function under the limit) is still optimized.
 * Measured with `--trace-opt` and per-thread CPU from /proc (docs/BENCH.md, session 6): stance
 * -33 % wall, quotes -12 to -19 %, entities -13 %, normalize unchanged; 2,000 and 1,000 bytes made
 * entities slower (its tagger's decoding, 2.6-2.9 KB, must be optimized).
 *
 * V8 flags are per process: worker threads share them with the thread that set them. The flag
 * is read when V8 decides to optimize a function, so setting it at run time, before the first
 * pool starts, applies to every worker. `NEWSSTANCE_MAX_OPTIMIZED_BYTECODE` overrides the limit
 * (a number of bytes; `0` keeps V8's own default, 60 KB), to measure with and without.
 */
import v8 from 'node:v8';

/** Bytes of bytecode above which a function is not optimized by TurboFan (V8's default: 61,440). */
export const MAX_OPTIMIZED_BYTECODE = 4000;

let applied: number | null | undefined;

/**
 * Sets the limit for this process, once (later calls return what the first one did). Returns the
 * limit set, or null when the environment asked for V8's default (`NEWSSTANCE_MAX_OPTIMIZED_BYTECODE=0`).
 * Never throws: an unparsable override is ignored (the default limit applies).
 */
export function tuneCompiler(env: NodeJS.ProcessEnv = process.env): number | null {
  if (applied !== undefined) return applied;
  const raw = env.NEWSSTANCE_MAX_OPTIMIZED_BYTECODE;
  const wanted = raw !== undefined && /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : MAX_OPTIMIZED_BYTECODE;
  if (wanted === 0) return (applied = null);
  v8.setFlagsFromString(`--max-optimized-bytecode-size=${wanted}`);
  return (applied = wanted);
}

/** The limit this process has set (a number of bytes), null for V8's default, undefined before `tuneCompiler`. */
export function compilerLimit(): number | null | undefined {
  return applied;
}
