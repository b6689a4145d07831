import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/program-code-folder.ts'],
    // git and CLI tests spawn processes; on a 2-core machine a few files at a time is fastest.
    testTimeout: 20_000,
    hookTimeout: 30_000,
    tags: [
      { name: 'slow', description: 'spawns git or the built CLI', timeout: 60_000 },
    ],
  },
});
