/** Contract order inside one document: by `start` when records have one (stable otherwise). */
export function sortDocumentRecords<T>(records: T[]): T[] {
  const withStart = records.every((r) => typeof (r as { start?: unknown }).start === 'number');
  if (!withStart) return records;
  return records
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r as { start: number }).start - (b.r as { start: number }).start || a.i - b.i)
    .map((x) => x.r);
}
