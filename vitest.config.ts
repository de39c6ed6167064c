// The learner's configuration: `npm run check` and `npm run ui` run the visible tests that sit
// next to each exercise, and nothing else (the hidden specs live in grader/specs and are run
// only by `npm run grade`).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['exercises/**/*.test.ts'],
    // A visible test of an unfinished exercise should fail fast, not hang the UI.
    testTimeout: 5_000,
  },
});
