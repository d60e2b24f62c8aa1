/**
 * How many generated cases each fuzz test runs. npm test runs 10,000 in all: most through the dialog
 * machine (fast), fewer through the whole pipeline and over HTTP (slower). FUZZ_RUNS sets the total
 * for a longer hunt, kept in the same proportions; FUZZ_SEED replays a failure fast-check reported.
 */
const TOTAL = Number(process.env.FUZZ_RUNS) || 10_000;

export const SHARE = { machine: 0.8, text: 0.1, http: 0.1 } as const;

export function runsFor(part: keyof typeof SHARE, parts = 1): number {
  return Math.max(1, Math.round((TOTAL * SHARE[part]) / parts));
}

export const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
