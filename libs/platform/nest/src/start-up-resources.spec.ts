import { StartupResources } from './start-up-resources';

describe('what the platform opens while the app is built', () => {
  const resource = () => ({ close: jest.fn(async () => undefined) });

  it('is closed, all of it, when one of them fails to open, and so is whatever opens after the failure', async () => {
    const opened = new StartupResources();
    const [store, db, late] = [resource(), resource(), resource()];
    await opened.open(async () => store);
    await opened.open(async () => db);
    await expect(opened.open(async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5498')))).rejects.toThrow('ECONNREFUSED');
    expect(store.close).toHaveBeenCalledTimes(1);
    expect(db.close).toHaveBeenCalledTimes(1);
    expect(await opened.open(async () => late)).toBe(late);
    expect(late.close).toHaveBeenCalledTimes(1);
  });

  it('stays open while everything opens', async () => {
    const opened = new StartupResources();
    const store = resource();
    expect(await opened.open(async () => store)).toBe(store);
    expect(store.close).not.toHaveBeenCalled();
  });
});
