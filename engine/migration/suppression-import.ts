// Suppression exports in each provider's own layout: the format is recognised from the header
// row, each row's provider reason is mapped to Relaydesk's (soft bounces left out), and the
// addresses go through the suppression service, which reports what queued mail they stop.
import type { ProviderExportFormat, ProviderImportInput, ProviderImportReport, SuppressionReason } from '../api/contract';
import type { SuppressionService } from '../policy/index';
import { parseCsv, type CsvRow } from '../shared/csv';
import { ValidationError } from '../shared/errors';
import { playbook } from './providers/index';

const ADDRESS = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;
const MAX_REJECTED_LISTED = 100;
// When one address appears under several reasons, the strongest is kept: a complaint outranks a bounce.
const PRECEDENCE: SuppressionReason[] = ['complaint', 'hard-bounce', 'unsubscribe', 'manual'];

type MappedReason = ProviderExportFormat['reasons'][string];

/** The export format of a CSV: the one named, or the one whose columns its header row has. */
export function detectFormat(formats: readonly ProviderExportFormat[], rows: readonly CsvRow[], id?: string): ProviderExportFormat {
  if (id !== undefined) {
    const named = formats.find((format) => format.id === id);
    if (!named) throw new ValidationError(`Unknown export format "${id}"; this provider has ${formats.map((f) => f.id).join(', ')}.`, { field: 'format' });
    return named;
  }
  const header = (rows[0]?.fields ?? []).map((field) => field.trim().toLowerCase());
  const withHeader = formats
    .filter((format) => format.columns && format.columns.every((column) => header.includes(column.toLowerCase())))
    .sort((a, b) => b.columns!.length - a.columns!.length)[0];
  if (withHeader) return withHeader;
  const headerless = formats.find((format) => format.columns === null);
  if (headerless && ADDRESS.test(rows[0]?.fields[Number(headerless.addressColumn)]?.trim() ?? '')) return headerless;
  throw new ValidationError(`The header row (${header.join(', ') || 'empty'}) matches no export of this provider: ${formats.map((f) => `${f.id} (${f.columns?.join(', ') ?? 'no header'})`).join('; ')}.`, { field: 'csv' });
}

export function mapReason(format: ProviderExportFormat, value: string | undefined): MappedReason {
  const key = (value ?? '').trim().toLowerCase().replace(/[\s_]/g, '');
  if (!key) return format.defaultReason;
  const exact = format.reasons[key];
  if (exact) return exact;
  const prefix = Object.keys(format.reasons).find((pattern) => pattern.endsWith('*') && key.startsWith(pattern.slice(0, -1)));
  return prefix ? format.reasons[prefix]! : format.defaultReason;
}

function columnIndex(header: string[], column: string | number | null): number {
  if (column === null) return -1;
  if (typeof column === 'number') return column;
  return header.indexOf(column.toLowerCase());
}

export async function importProviderExport(suppressions: SuppressionService, input: ProviderImportInput): Promise<ProviderImportReport> {
  const formats = playbook(input.provider).exports;
  const rows = parseCsv(input.csv);
  const format = detectFormat(formats, rows, input.format);
  const header = format.columns ? rows[0]!.fields.map((field) => field.trim().toLowerCase()) : [];
  const addressAt = columnIndex(header, format.addressColumn);
  const reasonAt = columnIndex(header, format.reasonColumn);
  const chosen = new Map<string, { address: string; reason: SuppressionReason }>();
  const byReason: Record<string, number> = {};
  const rejected: ProviderImportReport['rejected'] = [];
  let rejectedCount = 0;
  let skipped = 0;
  for (const row of format.columns ? rows.slice(1) : rows) {
    const address = (row.fields[addressAt] ?? '').trim();
    if (!ADDRESS.test(address)) {
      if (rejected.length < MAX_REJECTED_LISTED) rejected.push({ line: row.line, text: row.fields.join(',').slice(0, 200), reason: address ? `"${address}" is not an email address` : 'no address in the address column' });
      rejectedCount++;
      continue;
    }
    const reason = mapReason(format, reasonAt >= 0 ? row.fields[reasonAt] : undefined);
    byReason[reason] = (byReason[reason] ?? 0) + 1;
    if (reason === 'skip') {
      skipped++;
      continue;
    }
    const key = address.toLowerCase();
    const earlier = chosen.get(key);
    if (!earlier || PRECEDENCE.indexOf(reason) < PRECEDENCE.indexOf(earlier.reason)) chosen.set(key, { address, reason });
  }
  const report: ProviderImportReport = { format: format.id, byReason, skipped, valid: chosen.size, added: 0, duplicates: 0, rejected, affectsQueued: 0 };
  if (rejectedCount > rejected.length) rejected.push({ line: 0, text: '', reason: `${rejectedCount - rejected.length} more rows rejected` });
  for (const reason of PRECEDENCE) {
    const addresses = [...chosen.values()].filter((entry) => entry.reason === reason).map((entry) => entry.address);
    if (addresses.length === 0) continue;
    // The groups hold disjoint addresses, so their counts add up exactly.
    const part = await suppressions.importCsv(['email', ...addresses].join('\r\n'), input.scope, input.scopeValue, reason, input.dryRun ?? false);
    report.added += part.added;
    report.duplicates += part.duplicates;
    report.affectsQueued += part.affectsQueued;
  }
  return report;
}
