import { csvCell, csvStream } from './csv-export';

async function* recordsOf<T>(records: T[], read: T[] = []): AsyncGenerator<T> {
  for (const record of records) {
    read.push(record);
    yield record;
  }
}

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  let all = '';
  for await (const chunk of stream) all += String(chunk);
  return all;
}

describe('CSV export', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","click")', `"'=HYPERLINK(""http://evil.example"",""click"")"`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
  ])('neutralises a cell that a spreadsheet would run as a formula: %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('quotes what RFC 4180 quotes, and leaves other text, numbers and empty values as they are', () => {
    expect(csvCell('a, "b"\r\nc')).toBe('"a, ""b""\r\nc"');
    expect(csvCell('網絡時斷時續 = slow')).toBe('網絡時斷時續 = slow');
    expect(csvCell(-0.5)).toBe('-0.5');
    expect(csvCell(80)).toBe('80');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('writes a BOM, a header of the first record’s keys and a row per record, and only a BOM without records', async () => {
    expect(await text(csvStream(recordsOf([{ id: 'a', subject: '=1+1' }, { id: 'b', subject: 'ok' }])))).toBe(
      "\uFEFFid,subject\r\na,'=1+1\r\nb,ok\r\n",
    );
    expect(await text(csvStream(recordsOf([])))).toBe('\uFEFF');
  });

  it('writes the given columns as the header even without records, and a record’s missing column as empty', async () => {
    expect(await text(csvStream(recordsOf([]), ['period', 'score']))).toBe('\uFEFFperiod,score\r\n');
    expect(await text(csvStream(recordsOf([{ period: '2026-12' }]), ['period', 'score']))).toBe('\uFEFFperiod,score\r\n2026-12,\r\n');
  });

  it('reads the records only as the lines are consumed, so an export never holds the whole file', async () => {
    const read: Array<{ n: number }> = [];
    const lines = csvStream(recordsOf(Array.from({ length: 1000 }, (_, n) => ({ n })), read))[Symbol.asyncIterator]();
    for (let line = 0; line < 3; line++) await lines.next();
    expect(read.length).toBeLessThan(1000);
    await lines.return?.();
  });
});
