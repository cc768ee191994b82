import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The agent workspace and admin console. `kefu start` serves dist/; in development run
// `npm run dev -w @kefu/web` next to `npm start` and the API is proxied.
export default defineConfig({
  plugins: [react()],
  base: '/',
  resolve: { conditions: ['kefu-src'] },
  build: {
    outDir: 'dist',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      output: {
        manualChunks(id: string) {
          if (id.includes('node_modules/antd') || id.includes('node_modules/@ant-design') || id.includes('node_modules/rc-')) return 'antd';
          if (id.includes('node_modules/react')) return 'react';
          return undefined;
        },
      },
    },
  },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:3000', ws: true } },
  },
});
