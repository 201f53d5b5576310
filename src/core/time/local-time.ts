/** Renders an instant as wall-clock time in a zone. */
export type LocalTimeFormatter = (epochMs: number) => string;

const HOUR_MS = 3_600_000;
// Enough hours for months of distinct timestamps; cleared wholesale when full (cheap, rare).
const MAX_CACHED_HOURS = 4096;

const formatters = new Map<string, LocalTimeFormatter>();

/**
 * The formatter for a zone, `YYYY-MM-DDTHH:mm:ss` without offset (what Python's naive
 * `datetime.fromtimestamp(ts).isoformat(timespec="seconds")` prints). Built once per zone:
 * `Intl` is only asked for the zone's offset once per hour of time, the rest is arithmetic.
 * Throws a RangeError for an unknown zone.
 */
export function localTimeFormatter(timeZone: string): LocalTimeFormatter {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = createFormatter(timeZone);
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** `localTimeFormatter(timeZone)(epochMs)`; keep the formatter when rendering many values. */
export function formatLocalTime(epochMs: number, timeZone: string): string {
  return localTimeFormatter(timeZone)(epochMs);
}

function createFormatter(timeZone: string): LocalTimeFormatter {
  const intl = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const offsetAt = (wholeSecondMs: number): number => {
    const fields: Record<string, number> = {};
    for (const part of intl.formatToParts(wholeSecondMs)) {
      if (part.type !== 'literal') fields[part.type] = Number(part.value);
    }
    const localAsUtc = new Date(0).setUTCFullYear(fields.year, fields.month - 1, fields.day);
    return localAsUtc + fields.hour * HOUR_MS + fields.minute * 60_000 + fields.second * 1000 - wholeSecondMs;
  };
  const offsetByHour = new Map<number, number>();
  return (epochMs) => {
    const wholeSecond = Math.floor(epochMs / 1000) * 1000;
    const hour = Math.floor(wholeSecond / HOUR_MS);
    let offset = offsetByHour.get(hour);
    if (offset === undefined) {
      const start = offsetAt(hour * HOUR_MS);
      // Transitions may fall inside an hour (Lord Howe shifts at :30): cache only hours that have none.
      if (start === offsetAt(hour * HOUR_MS + HOUR_MS - 1000)) {
        if (offsetByHour.size >= MAX_CACHED_HOURS) offsetByHour.clear();
        offsetByHour.set(hour, start);
        offset = start;
      } else {
        offset = offsetAt(wholeSecond);
      }
    }
    return naiveIso(wholeSecond + offset);
  };
}

function naiveIso(localMs: number): string {
  const d = new Date(localMs);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}` +
    `T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`
  );
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
