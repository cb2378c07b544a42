import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Crawl and Elasticsearch suites start servers; forks keep their globals apart.
    pool: 'forks',
  },
});
