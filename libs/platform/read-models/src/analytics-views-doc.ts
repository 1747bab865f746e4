import { ANALYST_ROLE, ANALYTICS_SCHEMA, AnalyticsViewDefinition, analyticsColumns, analyticsViewName } from './analytics-views';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** `docs/read-models.md`: every analytics view and column, by service, from the definitions the migrations create them from. */
export function analyticsViewsMarkdown(services: ReadonlyArray<{ name: string; analyticsViews?: readonly AnalyticsViewDefinition[] }>): string {
  const lines = [
    '# Read models for analysts',
    '',
    '<!-- Generated from the services’ analytics view definitions (libs/<service>/service/src/analytics-views.ts); do not edit.',
    '     SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register apps/standalone/src/write-read-models-doc.ts',
    '     which also records the views’ columns in docs/read-models.snapshot.json, refusing a change that breaks a view. -->',
    '',
    `On PostgreSQL the read-model migration creates the schema \`${ANALYTICS_SCHEMA}\`: one view per read-model table, with`,
    'a stable, versioned name and a comment on the view and on every column (`\\d+ analytics.demands_v1` in psql shows',
    `them). The role \`${ANALYST_ROLE}\` (NOLOGIN) may use the schema and read its views, and nothing else: grant it to`,
    `an analyst's login (\`GRANT ${ANALYST_ROLE} TO alice\`), or \`SET ROLE ${ANALYST_ROLE}\`. The views read the slot`,
    'each projection serves from, so they follow a rebuild (ADR 0004) without a change. A view may gain columns; when',
    'one is removed, renamed or retyped the view gets its next version and the old one goes (ADR 0024; the columns of',
    'each version are recorded in `docs/read-models.snapshot.json`, and a spec fails on any other change).',
    '',
    `On the embedded default (SQLite) the same views exist in the read-model database as \`${ANALYTICS_SCHEMA}_<view>\`,`,
    `for example \`${ANALYTICS_SCHEMA}_demands_v1\`.`,
    '',
    'Personal data (contact details, names, free text about a customer or an employee) and the services’ internal',
    'JSON state are left out of the views.',
    '',
    'Types: `text`, `integer`, `bigint`, `real`, `boolean`; instants are ISO 8601 text in UTC, dates `YYYY-MM-DD`.',
  ];
  for (const service of services) {
    const views = service.analyticsViews ?? [];
    if (!views.length) continue;
    lines.push('', `## ${service.name}`, '');
    lines.push(...views.map((view) => `- [\`${ANALYTICS_SCHEMA}.${analyticsViewName(view)}\`](#${ANALYTICS_SCHEMA}${analyticsViewName(view)})`));
    for (const view of views) {
      lines.push('', `### \`${ANALYTICS_SCHEMA}.${analyticsViewName(view)}\``, '', view.description, '', `Read model \`${view.projection.name}\`, table \`${view.table}\`.`, '');
      lines.push('| column | type | null | description |', '|---|---|---|---|');
      for (const column of analyticsColumns(view)) {
        const name = column.key ? `**${column.name}**` : column.name;
        lines.push(`| ${name} | ${column.type} | ${column.nullable ? 'yes' : 'no'} | ${cell(column.description)} |`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
