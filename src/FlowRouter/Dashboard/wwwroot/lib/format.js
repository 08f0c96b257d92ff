// Readable numbers: thousands separators, dollars with sensible decimals, durations in ms/s/min, relative times.

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const compactFormat = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
const seconds2 = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const seconds1 = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const percentFormat = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

export const DASH = '—';

const missing = (v) => v === null || v === undefined || Number.isNaN(v);

/** 12,345 */
export function num(v) {
  return missing(v) ? DASH : integer.format(v);
}

/** 12.3K for chart labels */
export function compact(v) {
  return missing(v) ? DASH : compactFormat.format(v);
}

/** Dollars: cents from $1 up, up to four decimals below $1, two significant digits below a cent ($0.00012). */
export function usd(v) {
  if (missing(v)) return DASH;
  const abs = Math.abs(v);
  let digits = 2;
  if (abs > 0 && abs < 0.01) digits = Math.min(8, 1 - Math.floor(Math.log10(abs)));
  else if (abs > 0 && abs < 1) digits = 4;
  return new Intl.NumberFormat(undefined, {
    style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: Math.max(2, digits),
  }).format(v);
}

/** 850 ms, 1.2 s, 3 min 5 s */
export function ms(v) {
  if (missing(v)) return DASH;
  if (v < 1000) return `${integer.format(Math.round(v))} ms`;
  if (v < 60_000) return `${(v < 10_000 ? seconds2 : seconds1).format(v / 1000)} s`;
  const minutes = Math.floor(v / 60_000);
  const seconds = Math.round((v % 60_000) / 1000);
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
}

export function percent(part, whole) {
  if (!whole) return DASH;
  return percentFormat.format(part / whole);
}

export function bytes(v) {
  if (missing(v)) return DASH;
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = v;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? integer.format(value) : value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

function toDate(value) {
  return value instanceof Date ? value : new Date(value);
}

/** "just now", "3 min. ago", "in 2 hr." */
export function relTime(value, now = Date.now()) {
  if (!value) return DASH;
  const seconds = Math.round((toDate(value).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 10) return 'just now';
  if (abs < 60) return relative.format(seconds, 'second');
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour');
  if (abs < 86_400 * 45) return relative.format(Math.round(seconds / 86_400), 'day');
  return relative.format(Math.round(seconds / (86_400 * 30)), 'month');
}

export function dateTime(value) {
  return value ? dateTimeFormat.format(toDate(value)) : DASH;
}

export function clock(value) {
  return value ? timeFormat.format(toDate(value)) : DASH;
}

/** "2026-03-04" (a UTC day group) → "Mar 4" */
export function day(group) {
  const date = new Date(`${group}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? group : dayFormat.format(date);
}

/** A <time> element: relative text, absolute time on hover and for assistive technology. */
export function timeElement(value) {
  const el = document.createElement('time');
  if (!value) {
    el.textContent = DASH;
    return el;
  }
  el.dateTime = toDate(value).toISOString();
  el.textContent = relTime(value);
  el.title = dateTime(value);
  return el;
}
