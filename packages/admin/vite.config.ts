import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the Roster server at /admin/. In `pnpm dev`, vite serves it with hot reload and
// forwards API calls to the local server.
const api = process.env.ROSTER_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
const forward = { target: api, changeOrigin: true };

export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  server: { port: 5173, proxy: { '/graphql': forward, '/contacts/export.csv': forward, '^/contacts/imports/[^/]+/failures\\.csv': forward } },
  build: { outDir: 'dist', sourcemap: true },
});
