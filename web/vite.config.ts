import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { compression } from 'vite-plugin-compression2';
import type { OutputBundle, OutputChunk } from 'rollup';

const SERVICE = 'http://127.0.0.1:8000';
/** Paths the service answers; everything else is a console page. */
const API_PREFIXES = ['/api', '/clients', '/purchases', '/reports', '/executar', '/status', '/jobs', '/openapi.json'];
const LOGIN_BUDGET_KB = 250;

/** Sums the gzipped JS a browser needs to show /login (entry + its imports + the login page chunk) and enforces the budget. */
function loginBudget(): Plugin {
  return {
    name: 'login-budget',
    apply: 'build',
    generateBundle(_options, bundle: OutputBundle) {
      const chunks = Object.values(bundle).filter((item): item is OutputChunk => item.type === 'chunk');
      const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      const needed = new Set<string>();
      const visit = (chunk: OutputChunk | undefined) => {
        if (!chunk || needed.has(chunk.fileName)) return;
        needed.add(chunk.fileName);
        chunk.imports.forEach((name) => visit(byName.get(name)));
      };
      chunks.filter((chunk) => chunk.isEntry || chunk.facadeModuleId?.endsWith('/pages/LoginPage.tsx')).forEach(visit);
      const bytes = [...needed].reduce((sum, name) => sum + gzipSync(byName.get(name)!.code).length, 0);
      const kb = bytes / 1024;
      this.info(`JS inicial para /login: ${kb.toFixed(1)} KB gzip (limite ${LOGIN_BUDGET_KB} KB)`);
      if (kb > LOGIN_BUDGET_KB) this.error(`JS inicial para /login excede ${LOGIN_BUDGET_KB} KB gzip`);
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Brotli and gzip copies beside each file; the service sends them as they are (preCompressed).
  plugins: [react(), loginBudget(), compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024 })],
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    proxy: {
      ...Object.fromEntries(API_PREFIXES.map((prefix) => [prefix, SERVICE])),
      '/ws': { target: SERVICE, ws: true },
    },
  },
});
