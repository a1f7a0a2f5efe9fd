/**
 * Run configuration. BENCH_SCALE (default 1) scales every duration and count, e.g. BENCH_SCALE=0.25 for
 * a quick look while developing; `--only=throughput,streaming` runs some cases.
 */
const scale = Number(process.env.BENCH_SCALE ?? 1) || 1
/** A count, scaled and rounded, at least `min`. */
const n = (value, min = 1) => Math.max(min, Math.round(value * scale))
/** Seconds, scaled, at least `min`. */
const sec = (value, min = 0.5) => Math.max(min, value * scale)

export const config = {
  scale,
  coldStart: { singleRuns: n(7, 3), parallelRuns: n(3, 2), parallel: 8 },
  // Warm-up: a cold server (floor, AIMock and standin alike) takes ~10,000 requests to reach its steady CPU
  // per request (V8 still optimising; bench/results/after-issue-15-s8-hot4.txt): 0.5 s measured that phase.
  throughput: { concurrency: [1, 32], warmup: sec(3, 2), rounds: 3, slice: sec(2, 1) },
  streaming: { warmup: 1, latencyDuration: sec(2, 1), concurrency: 16, streams: n(10_000, 1_000), rounds: 2 },
  matching: {
    sizes: [10, 1_000, 10_000, 100_000],
    mixes: ['plain', 'mixed'],
    positions: ['end', 'middle'],
    // standin in-process: round-robin rounds; in each, a batch of handle() calls per configuration
    rounds: n(40, 10),
    batchMs: 5,
    // aimock matchFixture(): per configuration, stop after this many ms (at least `minCalls` calls)
    aimockBudgetMs: n(500, 150),
    minCalls: 20,
    overPort: { warmup: 0.5, duration: sec(1.5) },
  },
  memory: { rounds: 4, perRound: 25_000, connections: 32 },
  // Issue 9: prompts of 4 MB, one at a time; a server that keeps them all dies near its 4 GB heap limit.
  memory4mb: { prompts: n(400, 20), warmup: 5, samples: 8, promptBytes: 4 * 1024 * 1024, timeoutS: 120 },
  // Issue 9: a 4 MB answer, streamed and not; then that many streams at once, bounded by timeoutS.
  largeStream: { reps: n(5, 3), concurrency: n(20, 4), timeoutS: 180 },
  // Issue 15: 100k fixtures registered + started in a fresh process per server kind, `reps` rounds.
  largeFixtures: { count: 100_000, reps: n(3, 1) },
  // Issue 15: fresh-process imports (spawns per subject, round-robin).
  importCase: { runs: n(10, 4) },
  // Issue 15: in-process lifecycle, one child per server kind and round.
  lifecycle: {
    children: n(3, 2),
    warmup: 5,
    startIters: n(100, 30),
    parallel: 8,
    parallelIters: n(30, 10),
    resetRounds: n(20, 8),
    resetBatch: 2_000,
    perTestIters: n(100, 30),
    sessionCounts: [1, 1_000],
    sessionRounds: n(20, 8),
    sessionBatch: 50,
  },
}
