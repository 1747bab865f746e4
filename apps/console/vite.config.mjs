// The console's build: a static bundle in dist/apps/console that the standalone app serves at `/` and any
// static host can serve on its own. Relative asset paths (`base: './'`) let it live under any path.
import react from '@vitejs/plugin-react';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const API_PREFIXES = ['/intake', '/service-delivery', '/quality-monitoring', '/hr-performance', '/resource', '/risk'];

export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  resolve: { alias: { '@serviceledger/platform/auth/permissions': join(root, 'libs', 'platform', 'auth', 'src', 'permissions.ts') } },
  build: { outDir: join(root, 'dist', 'apps', 'console'), emptyOutDir: true, chunkSizeWarningLimit: 4096 },
  // `npx vite apps/console` in development: the API of `npm start` on port 3000, the permission table from libs/.
  server: {
    fs: { allow: [root] },
    proxy: Object.fromEntries(API_PREFIXES.map((prefix) => [prefix, `http://localhost:${process.env.API_PORT ?? 3000}`])),
  },
});
