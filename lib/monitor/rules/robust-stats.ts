// Median and MAD (median absolute deviation) for baselines that are skewed and have outliers,
// where mean and standard deviation would let one busy day hide the next.

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Iglewicz & Hoaglin's modified z-score, 0.6745 · (x − median) / MAD. With MAD 0 (a flat
 * baseline) any x above the median is infinitely unusual, and x at the median is 0.
 */
export function robustZ(x: number, baseline: readonly number[]): number {
  const m = median(baseline);
  const mad = median(baseline.map((v) => Math.abs(v - m)));
  if (mad === 0) return x > m ? Number.POSITIVE_INFINITY : x < m ? Number.NEGATIVE_INFINITY : 0;
  return (0.6745 * (x - m)) / mad;
}
