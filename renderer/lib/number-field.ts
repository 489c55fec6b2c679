// Optional limits typed by the operator: blank means "no limit" (null), anything else must
// be a whole number in range. Pure, shared by the throttle, quota and credential forms.

export type ParsedLimit = { ok: true; value: number | null } | { ok: false; message: string };

export function parseLimit(text: string, { min = 1, max = 1_000_000_000 }: { min?: number; max?: number } = {}): ParsedLimit {
  const trimmed = text.trim().replace(/[\s,_]/g, '');
  if (trimmed === '') return { ok: true, value: null };
  if (!/^\d+$/.test(trimmed)) return { ok: false, message: 'a whole number, or blank for no limit' };
  const value = Number(trimmed);
  if (value < min || value > max) return { ok: false, message: `between ${min.toLocaleString()} and ${max.toLocaleString()}` };
  return { ok: true, value };
}

export function limitText(value: number | null): string {
  return value === null ? '' : String(value);
}
