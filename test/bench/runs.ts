/** A benchmark run around given results, as the table's tests need one: the machine and settings fixed. */
import type { EngineFigures, EngineRun } from '../../bench/engine/figures';

export const runWith = (results: EngineFigures[], frontEnds?: EngineRun['frontEnds'], runs = 2): EngineRun => ({
  startedAt: '2026-12-01T00:00:00.000Z',
  durationSeconds: 60,
  node: 'v22',
  pulumi: 'v3',
  cpus: 2,
  defaultParallel: 8,
  latencyMs: 20,
  applications: 5,
  runs,
  frontEnds,
  loadAverage: { mean: 1, max: 2 },
  results,
});
