// Accepted-to-delivered times as a sparse log-scale histogram: bins 10% wide, so any
// percentile read from it is within 5% of the exact value, and histograms of any number
// of rollup rows merge by adding counts.

export type Histogram = Record<string, number>;

const GROWTH = 1.1;
const LOG_GROWTH = Math.log(GROWTH);

/** Bin 0 holds times under 1 ms; bin b ≥ 1 holds [1.1^(b-1), 1.1^b) ms. */
export function binOf(ms: number): number {
  return ms < 1 ? 0 : 1 + Math.floor(Math.log(ms) / LOG_GROWTH);
}

/** The bin's geometric middle, the value reported for everything in it. */
function valueOf(bin: number): number {
  return bin === 0 ? 0 : Math.round(GROWTH ** (bin - 0.5));
}

export function addTo(histogram: Histogram, ms: number, count = 1): void {
  const bin = String(binOf(Math.max(0, ms)));
  histogram[bin] = (histogram[bin] ?? 0) + count;
}

export function merge(into: Histogram, from: Histogram): Histogram {
  for (const [bin, count] of Object.entries(from)) into[bin] = (into[bin] ?? 0) + count;
  return into;
}

/** The value below which a fraction `p` of the times fall; null for an empty histogram. */
export function percentile(histogram: Histogram, p: number): number | null {
  const bins = Object.entries(histogram).map(([bin, count]) => [Number(bin), count] as const).sort((a, b) => a[0] - b[0]);
  const total = bins.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const [bin, count] of bins) {
    seen += count;
    if (seen >= rank) return valueOf(bin);
  }
  return valueOf(bins.at(-1)![0]);
}
