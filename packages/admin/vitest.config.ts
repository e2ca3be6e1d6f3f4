import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Component tests: logic that runs in the browser (mapping state, file sniffing), in happy-dom.
export default defineConfig({
  plugins: [react()],
  test: { environment: 'happy-dom', include: ['src/**/*.test.{ts,tsx}'] },
});
