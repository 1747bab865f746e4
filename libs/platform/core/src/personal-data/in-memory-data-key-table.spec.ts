import { dataKeyTableContract } from '@serviceledger/platform/testing';
import { InMemoryDataKeyTable } from './in-memory-data-key-table';

dataKeyTableContract('in-memory', async () => ({ table: new InMemoryDataKeyTable(), dispose: async () => undefined }));
