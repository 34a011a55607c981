/**
 * Entities against the seed gold: precision and recall per type (PERSON, ORG, GPE, LOC), counted
 * as (document, canonical name, type). A gold entity is found when an output entity of its type
 * has its canonical name or one of its mention variants; optional entities neither reward nor
 * penalize; a capital may count as a city or as its country. Also checks that every gold mention
 * variant maps to the entity found for it, and that each person has one id across documents.
 */
import type { EntityRecord } from '../schema.js';
import type { EvalContext } from './types.js';
import { perTypeTable, type EvalDiff, type EvalSection, type GoldEntity, type Prf } from './types.js';

const TYPES = ['PERSON', 'ORG', 'GPE', 'LOC'] as const;
const norm = (s: string) => s.replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();

function surfaces(e: EntityRecord): Set<string> {
  return new Set([norm(e.name), ...e.mentions.map((m) => norm(m.text))]);
}

/** The output entity standing for a gold entity, or undefined. */
function findGold(gold: GoldEntity, outputs: EntityRecord[]): EntityRecord | undefined {
  const name = norm(gold.name);
  const variants = gold.mentions.map(norm);
  const sameType = outputs.filter((e) => e.type === gold.type);
  return (
    sameType.find((e) => norm(e.name) === name) ??
    sameType.find((e) => variants.some((v) => surfaces(e).has(v))) ??
    // Capitals: gold city found as a mention of its country (or the other way round).
    (gold.type === 'GPE' ? outputs.find((e) => e.type === 'GPE' && e.mentions.some((m) => norm(m.text) === name)) : undefined)
  );
}

export async function evalEntities(ctx: EvalContext): Promise<EvalSection> {
  const diffs: EvalDiff[] = [];
  const counts = new Map<string, { tp: number; fp: number; fn: number }>(TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
  const byDoc = new Map<string, EntityRecord[]>();
  for (const e of ctx.entities) byDoc.set(e.docId, [...(byDoc.get(e.docId) ?? []), e]);
  let variantsTotal = 0;
  let variantsOk = 0;
  const personIds = new Map<string, Set<string>>();
  const evaluatedDocs = ctx.gold.documents.filter((g) => byDoc.has(g.id) || ctx.documents.some((d) => d.id === g.id));
  if (evaluatedDocs.length === 0) {
    return { name: 'entities', lines: [], metrics: {}, diffs: [], skipped: 'no seed documents in the output' };
  }
  for (const g of evaluatedDocs) {
    const outputs = (byDoc.get(g.id) ?? []).filter((e) => (TYPES as readonly string[]).includes(e.type));
    const used = new Set<EntityRecord>();
    for (const ge of g.entities) {
      if (!(TYPES as readonly string[]).includes(ge.type)) continue;
      const c = counts.get(ge.type)!;
      const found = findGold(ge, outputs);
      if (!found) {
        c.fn++;
        diffs.push({ kind: 'missed', docId: g.id, expected: { name: ge.name, type: ge.type, mentions: ge.mentions } });
        continue;
      }
      c.tp++;
      used.add(found);
      if (ge.type === 'PERSON') personIds.set(ge.name, (personIds.get(ge.name) ?? new Set()).add(found.id));
      const have = surfaces(found);
      for (const v of ge.mentions) {
        variantsTotal++;
        if (have.has(norm(v))) variantsOk++;
        else diffs.push({ kind: 'variant-not-mapped', docId: g.id, expected: { name: ge.name, variant: v }, actual: { id: found.id, mentions: [...have] } });
      }
    }
    const optional = new Set(g.optionalEntities.map(norm));
    for (const e of outputs) {
      if (used.has(e)) continue;
      // Another gold entity of a different type matched by name (wrong type) is still spurious.
      if ([...surfaces(e)].some((s) => optional.has(s))) continue;
      // Capital read as a city although gold counts only the country (gold allows either).
      if (e.type === 'GPE' && g.entities.some((ge) => ge.type === 'GPE' && e.mentions.every((m) => ge.mentions.map(norm).includes(norm(m.text))))) continue;
      counts.get(e.type)!.fp++;
      diffs.push({ kind: 'spurious', docId: g.id, actual: { id: e.id, name: e.name, type: e.type, mentions: e.mentions.map((m) => m.text) } });
    }
  }
  const table = perTypeTable(TYPES, counts, 'overall');
  const metrics: Record<string, Prf | number | Record<string, unknown>> = { ...table.metrics };
  const lines = table.lines;
  metrics.variantsMapped = variantsTotal === 0 ? 1 : variantsOk / variantsTotal;
  lines.push(`gold mention variants mapped: ${variantsOk}/${variantsTotal}`);
  const split = [...personIds].filter(([, ids]) => ids.size > 1);
  metrics.personsWithOneId = personIds.size === 0 ? 1 : (personIds.size - split.length) / personIds.size;
  lines.push(`persons with one id across documents: ${personIds.size - split.length}/${personIds.size}`);
  for (const [name, ids] of split) diffs.push({ kind: 'person-split', expected: name, actual: [...ids] });
  return { name: 'entities', lines, metrics, diffs };
}
