// The largest CSV the contract accepts in one import call (suppressions.import,
// migration.importSuppressions); a larger file is refused before it is read.
const MAX_CSV_BYTES = 50 * 1024 * 1024;

/** Why `file` cannot be imported in one call, or null when it can. */
export function csvTooLarge(file: { name: string; size: number }): string | null {
  return file.size > MAX_CSV_BYTES ? `${file.name} is over 50 MB; split it and import the parts.` : null;
}
