/**
 * Multinomial naive Bayes over binary document features, with additive smoothing. Small and exact: the
 * matcher trains it on the content at load time, and cross-validation leaves one document out at a time
 * by subtracting its counts rather than retraining.
 */
export interface LabelledDoc {
  label: string;
  features: readonly string[];
  /** how many documents this one counts for (a title says more about its topic than a passing sentence) */
  weight?: number;
}

export class NaiveBayes {
  readonly labels: string[];
  private readonly counts: Array<Map<string, number>>;
  private readonly totals: number[];
  private readonly vocabulary = new Set<string>();

  constructor(
    docs: readonly LabelledDoc[],
    private readonly smoothing: number,
  ) {
    this.labels = [...new Set(docs.map((d) => d.label))];
    const index = new Map(this.labels.map((l, i) => [l, i]));
    this.counts = this.labels.map(() => new Map());
    this.totals = this.labels.map(() => 0);
    for (const doc of docs) {
      const k = index.get(doc.label)!;
      const w = doc.weight ?? 1;
      for (const f of new Set(doc.features)) {
        this.counts[k]!.set(f, (this.counts[k]!.get(f) ?? 0) + w);
        this.totals[k]! += w;
        this.vocabulary.add(f);
      }
    }
  }

  has(feature: string): boolean {
    return this.vocabulary.has(feature);
  }

  /**
   * Log-likelihood of the features under each label, in `labels` order. Unknown features are skipped.
   * `leaveOut` removes one training document's counts first (for cross-validation).
   */
  logLikelihoods(features: readonly string[], leaveOut?: LabelledDoc): number[] {
    const known = [...new Set(features)].filter((f) => this.vocabulary.has(f));
    const v = this.vocabulary.size;
    const removed = leaveOut ? new Set(leaveOut.features) : undefined;
    return this.labels.map((label, k) => {
      const own = removed !== undefined && leaveOut?.label === label;
      const w = leaveOut?.weight ?? 1;
      const total = this.totals[k]! - (own ? removed!.size * w : 0);
      const denominator = Math.log(total + this.smoothing * v);
      let sum = 0;
      for (const f of known) {
        const c = (this.counts[k]!.get(f) ?? 0) - (own && removed!.has(f) ? w : 0);
        sum += Math.log(c + this.smoothing) - denominator;
      }
      return sum;
    });
  }

  knownCount(features: readonly string[]): number {
    return new Set(features.filter((f) => this.vocabulary.has(f))).size;
  }
}

/** Turns log-likelihoods into probabilities; a temperature above 1 spreads an over-confident model. */
export function posterior(logLikelihoods: readonly number[], temperature: number): number[] {
  const scaled = logLikelihoods.map((l) => l / temperature);
  const max = Math.max(...scaled);
  const exp = scaled.map((s) => Math.exp(s - max));
  const total = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / total);
}
