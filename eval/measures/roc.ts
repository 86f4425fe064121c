/** Scores of a binary classifier against labels: ranking quality and accuracy at a threshold. */

export interface Scored {
  score: number;
  positive: boolean;
}

/**
 * Area under the ROC curve: the chance that a random positive scores above a random negative, ties
 * counting one half (the Mann–Whitney U statistic over average ranks). 0.5 when a class is empty.
 */
export function rocAuc(items: readonly Scored[]): number {
  const sorted = [...items].sort((a, b) => a.score - b.score);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j]!.score === sorted[i]!.score) j++;
    const averageRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (sorted[k]!.positive) {
        positives++;
        rankSum += averageRank;
      }
    }
    i = j;
  }
  const negatives = sorted.length - positives;
  if (positives === 0 || negatives === 0) return 0.5;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Share of items classified right when `score >= threshold` means positive. */
export function accuracyAt(items: readonly Scored[], threshold: number): number {
  if (items.length === 0) return 0;
  let right = 0;
  for (const it of items) if (it.score >= threshold === it.positive) right++;
  return right / items.length;
}

/**
 * The threshold with the highest accuracy on these items (ties: the lowest such threshold), tried at every
 * distinct score and above the highest one (everything negative).
 */
export function bestThreshold(items: readonly Scored[]): { threshold: number; accuracy: number } {
  const sorted = [...items].sort((a, b) => a.score - b.score);
  // Threshold at sorted[i].score: items from i on are called positive.
  let right = sorted.filter((it) => it.positive).length; // everything called positive
  let best = { threshold: sorted.length ? sorted[0]!.score : 0, accuracy: sorted.length ? right / sorted.length : 0 };
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j]!.score === sorted[i]!.score) {
      right += sorted[j]!.positive ? -1 : 1;
      j++;
    }
    const threshold = j < sorted.length ? sorted[j]!.score : Infinity;
    if (right / sorted.length > best.accuracy) best = { threshold, accuracy: right / sorted.length };
    i = j;
  }
  return best;
}
