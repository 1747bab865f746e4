// Prints the results as an aligned text table, or as Markdown for docs/benchmarks.md.
import { BenchResult } from './harness';

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function amount(value: number, unit: BenchResult['unit']): string {
  if (unit === 'ms') return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
  if (unit === 's' || unit === 'commits') return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ${unit}`;
  return `${numberFormat.format(value)} ${unit}`;
}

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));

/** p50 / p99 in ms, ours then the baseline's. */
function latencyOf(result: BenchResult): string {
  if (!result.latency) return '—';
  const [p50, p99] = result.latency.ours;
  const base = result.latency.baseline ? ` (${ms(result.latency.baseline[0])} / ${ms(result.latency.baseline[1])})` : '';
  return `${ms(p50)} / ${ms(p99)} ms${base}`;
}

/** Throughputs as ours/baseline in percent; latencies as how many times the baseline they take. */
export function ratioOf(result: BenchResult): string {
  if (!result.baseline || !result.ours) return '—';
  if (result.lowerIsBetter) return `${(result.ours / result.baseline).toFixed(1)}×`;
  return `${((result.ours / result.baseline) * 100).toFixed(0)} %`;
}

export function targetOf(result: BenchResult): string {
  if (result.absoluteTarget) return `${result.absoluteTarget.text} ${result.absoluteTarget.met ? 'met' : 'MISSED'}`;
  if (result.target === undefined) return '—';
  const met = result.ours / result.baseline >= result.target;
  return `≥ ${(result.target * 100).toFixed(0)} % ${met ? 'met' : 'MISSED'}`;
}

function cells(result: BenchResult): string[] {
  if (result.skipped) return [result.metric, '—', '—', 'skipped', '—', '—'];
  return [result.metric, amount(result.ours, result.unit), (result.baseline ? amount(result.baseline, result.unit) : '—'), ratioOf(result), latencyOf(result), targetOf(result)];
}

const HEADER = ['metric', 'ours', 'baseline', 'ratio', 'p50 / p99 (baseline)', 'target'];

export function textTable(results: BenchResult[]): string {
  const rows = [HEADER, ...results.map(cells)];
  const widths = HEADER.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (row: string[]) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(HEADER), rule, ...results.map((r) => line(cells(r)))].join('\n');
}

export function markdownTable(results: BenchResult[]): string {
  const row = (c: string[]) => `| ${c.join(' | ')} |`;
  return [row(HEADER), row(['---', '---:', '---:', '---:', '---:', '---']), ...results.map((r) => row(cells(r)))].join('\n');
}

/** What each baseline is, numbered like the rows. */
export function legend(results: BenchResult[]): string {
  return results.map((r) => `- ${r.metric}: ${r.baselineLabel}`).join('\n');
}
