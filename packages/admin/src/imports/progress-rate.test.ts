import { describe, expect, it } from 'vitest';
import { addSample, averageRate, fractionDone, laterState, phaseOf, rowsPerSecond, secondsLeft } from './progress-rate';

describe('rows per second and time left', () => {
  it('needs two samples some time apart', () => {
    expect(rowsPerSecond([])).toBeNull();
    expect(rowsPerSecond([{ at: 0, processed: 0 }])).toBeNull();
    expect(rowsPerSecond([{ at: 0, processed: 0 }, { at: 100, processed: 500 }])).toBeNull();
  });

  it('measures over the window', () => {
    let samples = addSample([], { at: 0, processed: 0 });
    samples = addSample(samples, { at: 1000, processed: 5000 });
    samples = addSample(samples, { at: 2000, processed: 10_000 });
    expect(rowsPerSecond(samples)).toBe(5000);
    expect(secondsLeft(rowsPerSecond(samples), 10_000, 50_000)).toBe(8);
  });

  it('forgets samples older than the window, keeping one before it', () => {
    let samples = addSample([], { at: 0, processed: 0 }, 10_000);
    samples = addSample(samples, { at: 5000, processed: 100 }, 10_000);
    samples = addSample(samples, { at: 20_000, processed: 200 }, 10_000);
    samples = addSample(samples, { at: 21_000, processed: 10_200 }, 10_000);
    expect(samples.map((s) => s.at)).toEqual([5000, 20_000, 21_000]);
    expect(rowsPerSecond(samples)).toBeCloseTo(10_100 / 16, 5);
  });

  it('ignores repeated counts and restarts when the count goes back', () => {
    const samples = addSample([{ at: 0, processed: 10 }], { at: 500, processed: 10 });
    expect(samples).toEqual([{ at: 0, processed: 10 }]);
    expect(addSample(samples, { at: 900, processed: 3 })).toEqual([{ at: 900, processed: 3 }]);
  });

  it('has no time left without a rate', () => {
    expect(secondsLeft(null, 0, 100)).toBeNull();
    expect(secondsLeft(0, 0, 100)).toBeNull();
    expect(secondsLeft(10, 120, 100)).toBe(0);
  });

  it('averages a finished import over its run', () => {
    expect(averageRate(1000, '2026-01-01T00:00:00Z', '2026-01-01T00:00:04Z')).toBe(250);
    expect(averageRate(1000, null, '2026-01-01T00:00:04Z')).toBeNull();
    expect(averageRate(1000, '2026-01-01T00:00:04Z', '2026-01-01T00:00:04Z')).toBeNull();
  });
});

describe('phase and fraction', () => {
  it.each([
    ['QUEUED', 0, 0, 'queued', 0],
    ['IN_PROGRESS', 0, 3000, 'reading', null],
    ['IN_PROGRESS', 5000, 20_000, 'importing', 0.25],
    ['COMPLETED', 20_000, 20_000, 'ended', 1],
    ['CANCELLED', 5000, 20_000, 'ended', 0.25],
    ['FAILED', 0, 0, 'ended', 1],
  ] as const)('%s with %i of %i rows', (status, processed, staged, phase, fraction) => {
    expect(phaseOf(status, processed)).toBe(phase);
    expect(fractionDone(phaseOf(status, processed), processed, staged)).toBe(fraction);
  });
});

describe('laterState', () => {
  const state = (status: 'QUEUED' | 'IN_PROGRESS' | 'COMPLETED' | 'CANCELLED', total: number, stagedRows: number, tag = '') => ({ status, stagedRows, counts: { total }, tag });
  it('keeps the most advanced of two states, the newer on a tie', () => {
    expect(laterState(null, state('QUEUED', 0, 0))).toEqual(state('QUEUED', 0, 0));
    expect(laterState(state('QUEUED', 0, 0), undefined)).toEqual(state('QUEUED', 0, 0));
    expect(laterState(state('IN_PROGRESS', 5000, 9000), state('IN_PROGRESS', 0, 9000))?.counts.total).toBe(5000);
    expect(laterState(state('IN_PROGRESS', 0, 100), state('IN_PROGRESS', 0, 4000))?.stagedRows).toBe(4000);
    expect(laterState(state('CANCELLED', 0, 0), state('IN_PROGRESS', 5000, 9000))?.status).toBe('CANCELLED');
    expect(laterState(state('COMPLETED', 9, 9, 'old'), state('COMPLETED', 9, 9, 'new'))?.tag).toBe('new');
  });
});
