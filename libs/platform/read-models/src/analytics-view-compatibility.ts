import { AnalyticsViewDefinition, analyticsColumns, analyticsViewName } from './analytics-views';

/** Each view's columns and their types (`text`, `integer null`…), by view name (`demands_v1`): what analysts were given. */
export type AnalyticsViewSnapshot = Record<string, Record<string, string>>;

export function analyticsViewSnapshot(views: readonly AnalyticsViewDefinition[]): AnalyticsViewSnapshot {
  return Object.fromEntries(
    [...views]
      .map((view) => [analyticsViewName(view), Object.fromEntries(analyticsColumns(view).map((c) => [c.name, c.nullable ? `${c.type} null` : c.type]))] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/**
 * The views' gate, like the contracts' (ADR 0024): a recorded view may gain columns; a column removed, retyped or
 * made nullable (or no longer so), or the view dropped, breaks the queries written against it, unless the view was
 * replaced by its next version. New views, new columns and replaced versions are to record.
 */
export function compareViewsWithSnapshot(snapshot: AnalyticsViewSnapshot, views: readonly AnalyticsViewDefinition[]): { breaking: string[]; unrecorded: string[] } {
  const current = analyticsViewSnapshot(views);
  const breaking: string[] = [];
  const unrecorded: string[] = [];
  for (const [name, columns] of Object.entries(snapshot)) {
    const now = current[name];
    if (!now) {
      const [, base, version] = /^(.*)_v(\d+)$/.exec(name) ?? [];
      const next = views.find((view) => view.name === base && view.version > Number(version));
      if (next) unrecorded.push(`${name}: replaced by ${analyticsViewName(next)}`);
      else breaking.push(`${name}: the view is gone (raise its version to replace it)`);
      continue;
    }
    for (const [column, type] of Object.entries(columns)) {
      if (!(column in now)) breaking.push(`${name}: column ${column} removed`);
      else if (now[column] !== type) breaking.push(`${name}: column ${column} changed from ${type} to ${now[column]}`);
    }
    const added = Object.keys(now).filter((column) => !(column in columns));
    if (added.length) unrecorded.push(`${name}: new column(s) ${added.join(', ')}`);
  }
  for (const name of Object.keys(current)) if (!(name in snapshot)) unrecorded.push(`${name}: a new view`);
  return { breaking, unrecorded };
}
