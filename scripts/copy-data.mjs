// Build step: copy src/data/ (word lists, gazetteers, lexicons) to dist/data/, where the compiled
// modules load them from (src/io/data.ts). The old copy is removed first, so a deleted file does
// not linger.
import { cpSync, rmSync } from 'node:fs';

rmSync('dist/data', { recursive: true, force: true });
cpSync('src/data', 'dist/data', { recursive: true });
