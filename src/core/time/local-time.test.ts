import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatLocalTime, localTimeFormatter } from './local-time.js';

// An independent reference: Intl asked for every single value ('sv-SE' prints ISO-like dates).
function reference(epochMs: number, timeZone: string): string {
  return new Date(epochMs).toLocaleString('sv-SE', { timeZone, hourCycle: 'h23' }).replace(' ', 'T');
}

describe('formatLocalTime', () => {
  it('renders seed 003 examples in America/Sao_Paulo', () => {
    assert.equal(formatLocalTime(1764793214_000, 'America/Sao_Paulo'), '2025-12-03T17:20:14');
    assert.equal(formatLocalTime(1768900000_000, 'America/Sao_Paulo'), '2026-01-20T06:06:40');
  });

  it('drops milliseconds instead of rounding', () => {
    assert.equal(formatLocalTime(1764793214_999, 'America/Sao_Paulo'), '2025-12-03T17:20:14');
  });

  it('renders the same instant in other zones', () => {
    assert.equal(formatLocalTime(1764793214_000, 'UTC'), '2025-12-03T20:20:14');
    assert.equal(formatLocalTime(1764793214_000, 'Asia/Tokyo'), '2025-12-04T05:20:14');
    assert.equal(formatLocalTime(1764793214_000, 'Asia/Kolkata'), '2025-12-04T01:50:14');
    assert.equal(formatLocalTime(1764793214_000, 'America/Manaus'), '2025-12-03T16:20:14');
  });

  it('follows the daylight saving time Brazil had until 2019', () => {
    const tz = 'America/Sao_Paulo';
    // 2018-11-04 00:00 local did not exist: clocks jumped from 23:59:59 (-03) to 01:00:00 (-02).
    assert.equal(formatLocalTime(Date.UTC(2018, 10, 4, 2, 59, 59), tz), '2018-11-03T23:59:59');
    assert.equal(formatLocalTime(Date.UTC(2018, 10, 4, 3, 0, 0), tz), '2018-11-04T01:00:00');
    // 2019-02-17 00:00 (-02) went back to 23:00 (-03): the hour 23:xx happens twice.
    assert.equal(formatLocalTime(Date.UTC(2019, 1, 17, 1, 30, 0), tz), '2019-02-16T23:30:00');
    assert.equal(formatLocalTime(Date.UTC(2019, 1, 17, 2, 30, 0), tz), '2019-02-16T23:30:00');
  });

  it('handles a transition in the middle of an hour (Lord Howe moves 30 minutes at 15:00 UTC)', () => {
    const tz = 'Australia/Lord_Howe';
    // 2025-10-05 02:00 local (+10:30) becomes 02:30 (+11): 2025-10-04T15:30Z.
    assert.equal(formatLocalTime(Date.UTC(2025, 9, 4, 15, 29, 59), tz), '2025-10-05T01:59:59');
    assert.equal(formatLocalTime(Date.UTC(2025, 9, 4, 15, 30, 0), tz), '2025-10-05T02:30:00');
    assert.equal(formatLocalTime(Date.UTC(2025, 9, 4, 15, 0, 0), tz), '2025-10-05T01:30:00');
  });

  it('agrees with Intl on many instants in many zones', () => {
    const zones = ['America/Sao_Paulo', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC'];
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (const tz of zones) {
      const format = localTimeFormatter(tz);
      for (let i = 0; i < 2000; i += 1) {
        const ms = Math.floor(random() * 2_000_000_000) * 1000;
        assert.equal(format(ms), reference(ms, tz), `${tz} ${ms}`);
      }
    }
  });

  it('caches one formatter per zone and refuses unknown zones', () => {
    assert.equal(localTimeFormatter('America/Sao_Paulo'), localTimeFormatter('America/Sao_Paulo'));
    assert.throws(() => localTimeFormatter('Mars/Olympus'), RangeError);
  });
});
