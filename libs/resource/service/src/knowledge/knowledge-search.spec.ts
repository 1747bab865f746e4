import { ReadModelDatabase } from '@serviceledger/platform/read-models';
import { TestBackend, readModelBackends } from '@serviceledger/platform/testing';
import { KnowledgeSearch, SearchEntry } from './knowledge-search';

const manual = (revision: string, text: string): SearchEntry => ({ kind: 'document', id: 'doc-manual', revision, title: '服務器備份操作手冊', tags: ['備份', 'Linux'], text });

describe.each(readModelBackends)('knowledge search on $name (R-1.1, R-1.2)', ({ create }) => {
  let backend: TestBackend;
  let db: ReadModelDatabase;
  let search: KnowledgeSearch;

  beforeEach(async () => {
    backend = create();
    db = await ReadModelDatabase.open(backend.config, []);
    search = new KnowledgeSearch(db);
  });
  afterEach(async () => {
    await db.close();
    await backend.dispose();
  });

  it('finds a document by a Chinese phrase of its latest text only, and by its title and tags', async () => {
    await search.put(manual('2026-12-01T01:00:00.000Z', '每週日執行增量備份。'));
    await search.put(manual('2026-12-01T03:00:00.000Z', '每日凌晨三點執行全量備份，並校驗備份文件。'));
    expect(await search.find('document', '全量備份')).toEqual(['doc-manual']);
    expect(await search.find('document', '增量備份')).toEqual([]);
    expect(await search.find('document', '操作手冊')).toEqual(['doc-manual']);
    expect(await search.find('document', 'linux')).toEqual(['doc-manual']);
  });

  it('never lets an older revision replace a newer one', async () => {
    await search.put(manual('2026-12-01T03:00:00.000Z', '第三版：切換到異地備份。'));
    await search.put(manual('2026-12-01T01:00:00.000Z', '第一版：本地磁帶備份。'));
    expect(await search.find('document', '異地備份')).toEqual(['doc-manual']);
    expect(await search.find('document', '磁帶備份')).toEqual([]);
  });

  it('finds words shorter than a trigram, needs every word, and keeps documents and articles apart', async () => {
    await search.put(manual('2026-12-01T01:00:00.000Z', '每日凌晨三點執行全量備份。'));
    await search.put({ kind: 'article', id: 'art-printer', revision: '2026-12-01T01:00:00.000Z', title: '打印機脫機的處理', tags: ['打印'], text: '重啟打印服務，再檢查驅動。' });
    await search.put({ kind: 'article', id: 'art-backup', revision: '2026-12-01T01:00:00.000Z', title: '備份失敗的排查', tags: [], text: '檢查磁盤空間與打印日誌。' });
    expect(await search.find('article', '打印')).toEqual(['art-printer', 'art-backup']);
    expect(await search.find('article', '打印 驅動')).toEqual(['art-printer']);
    expect(await search.find('article', '全量備份')).toEqual([]);
    expect(await search.find('document', '全量備份 凌晨')).toEqual(['doc-manual']);
  });

  it('takes LIKE wildcards and quotes as plain characters, and finds nothing for an empty phrase', async () => {
    await search.put({ kind: 'article', id: 'art-disk', revision: '2026-12-01T01:00:00.000Z', title: '磁盤使用率超過 90% 的處理', tags: [], text: '清理 "tmp" 目錄。' });
    await search.put({ kind: 'article', id: 'art-other', revision: '2026-12-01T01:00:00.000Z', title: '磁盤使用率超過 905 的處理', tags: [], text: '其他' });
    expect(await search.find('article', '90%')).toEqual(['art-disk']);
    expect(await search.find('article', '"tmp"')).toEqual(['art-disk']);
    expect(await search.find('article', '   ')).toEqual([]);
  });
});
