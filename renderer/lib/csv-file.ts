import { useState } from 'react';

// The largest CSV the contract accepts in one import call (suppressions.import,
// migration.importSuppressions); a larger file is refused before it is read.
const MAX_CSV_BYTES = 50 * 1024 * 1024;

/** Why `file` cannot be imported in one call, or null when it can. */
export function csvTooLarge(file: { name: string; size: number }): string | null {
  return file.size > MAX_CSV_BYTES ? `${file.name} is over 50 MB; split it and import the parts.` : null;
}

/**
 * The CSV text of an import dialog, pasted or read from a picked file. `onChange` runs on
 * every new text (a preview made of the old one no longer applies); `onRefused` gets why a
 * file was not read.
 */
export function useCsvInput(onChange: () => void, onRefused: (message: string) => void) {
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const change = (next: string) => {
    setCsv(next);
    onChange();
  };
  const readFile = async (file: File | undefined) => {
    if (!file) return;
    const tooLarge = csvTooLarge(file);
    if (tooLarge) return onRefused(tooLarge);
    setFileName(file.name);
    change(await file.text());
  };
  return { csv, fileName, change, readFile };
}
