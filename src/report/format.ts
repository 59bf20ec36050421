/**
 * Text helpers for the report's HTML: escaping, and number and duration formats that do not depend on the host's
 * locale (`toLocaleString` would make the same result render differently on two machines).
 *
 * @module
 */

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * `x` with `decimals` digits after the point and a thin space between thousands (`12 345.67`); `−` for negatives,
 * `+` when `signed`; `–` for a non-finite value.
 */
export function formatNumber(x: number, decimals: number, signed = false): string {
  if (!Number.isFinite(x)) return '–';
  const fixed = Math.abs(x).toFixed(decimals);
  const [whole = '0', fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009');
  const isZero = Number(fixed) === 0;
  const sign = x < 0 && !isZero ? '\u2212' : signed && !isZero ? '+' : '';
  return sign + grouped + (fraction !== undefined ? `.${fraction}` : '');
}

/** A duration since the start as `HH:MM` (hours run past 24: `26:30`), or `HH:MM:SS` when `withSeconds`. */
export function formatClock(ms: number, withSeconds = false): string {
  const totalSeconds = Math.floor(ms / 1000);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(h)}:${pad(m)}${withSeconds ? `:${pad(s)}` : ''}`;
}
