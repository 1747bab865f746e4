/** RFC 4180 CSV with a header row taken from the first record's keys; a BOM so spreadsheet tools read UTF-8 (Chinese) right. */
export function toCsv(rows: object[]): string {
  if (rows.length === 0) return '\uFEFF';
  const columns = Object.keys(rows[0]);
  const cell = (value: unknown) => {
    const text = value === null || value === undefined ? '' : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [columns.join(','), ...rows.map((row) => columns.map((c) => cell((row as Record<string, unknown>)[c])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
