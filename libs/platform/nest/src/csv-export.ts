import { StreamableFile, applyDecorators } from '@nestjs/common';
import { ApiProduces } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { ExpensiveRead } from './rate-limits';

/** A spreadsheet runs a cell that begins with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** So that spreadsheet tools read UTF-8 (Chinese) right. */
const BYTE_ORDER_MARK = '\uFEFF';

/**
 * One RFC 4180 cell. Text that a spreadsheet would run as a formula is prefixed with a single quote, which
 * shows it as text; a number is left as it is, since no number is a formula and a quote would make it text.
 */
export function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  const inert = typeof value !== 'number' && FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert;
}

/**
 * The records as CSV, one line at a time as they are read, so an export never holds the whole file:
 * a BOM, a header row of `columns` (or, without them, of the first record's keys, and no header when
 * there is no record), then a row per record.
 */
export function csvStream(records: AsyncIterable<object>, columns?: readonly string[]): Readable {
  return Readable.from(csvLines(records, columns), { objectMode: false });
}

async function* csvLines(records: AsyncIterable<object>, columns: readonly string[] | undefined): AsyncGenerator<string> {
  yield BYTE_ORDER_MARK;
  let header = columns;
  if (header) yield csvLine(header);
  for await (const record of records) {
    if (!header) {
      header = Object.keys(record);
      yield csvLine(header);
    }
    yield csvLine(header.map((column) => (record as Record<string, unknown>)[column]));
  }
}

function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** The response of a CSV export: streamed, downloaded as `filename`. */
export function csvFile(filename: string, records: AsyncIterable<object>, columns?: readonly string[]): StreamableFile {
  return new StreamableFile(csvStream(records, columns), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="${filename}"` });
}

/** What every CSV export route declares: it produces text/csv, and counts as an expensive read. */
export const CsvExport = () => applyDecorators(ApiProduces('text/csv'), ExpensiveRead());
