import { type Design, rowLoss } from "./logistic-regression.js";
import { seededRandom, shuffledIndices, sigmoid } from "./random.js";

/** @internal Settings of the additive boosting (see `FitPointsSpec`). */
export interface BoostingSettings {
  readonly learningRate: number;
  readonly maxRounds: number;
  readonly patience: number;
  readonly maxLeaves: number;
  readonly minLeafRows: number;
  readonly validationShare: number;
  readonly bags: number;
  readonly recordsPerRound: number;
}

/** @internal What one run of boosting found. */
export interface BoostingResult {
  /** Intercept then one score per (feature, bin), in the design's layout; the mean over bags. */
  readonly scores: Float64Array;
  /** Rounds each bag kept (the best on its validation slice). */
  readonly rounds: readonly number[];
}

interface Segment {
  readonly from: number;
  readonly to: number;
}

/** Splits `[from, to)` of ordered bins at the cut with the largest gain, or returns null. */
function bestCut(
  g: Float64Array,
  h: Float64Array,
  c: Float64Array,
  s: Segment,
  minRows: number,
): { cut: number; gain: number } | null {
  let gAll = 0;
  let hAll = 0;
  let cAll = 0;
  for (let b = s.from; b < s.to; b++) {
    gAll += g[b] as number;
    hAll += h[b] as number;
    cAll += c[b] as number;
  }
  if (hAll <= 0) return null;
  const whole = (gAll * gAll) / hAll;
  let gL = 0;
  let hL = 0;
  let cL = 0;
  let best: { cut: number; gain: number } | null = null;
  for (let b = s.from; b < s.to - 1; b++) {
    gL += g[b] as number;
    hL += h[b] as number;
    cL += c[b] as number;
    const hR = hAll - hL;
    if (cL < minRows || cAll - cL < minRows || hL <= 0 || hR <= 0) continue;
    const gR = gAll - gL;
    const gain = (gL * gL) / hL + (gR * gR) / hR - whole;
    if (gain > 1e-12 && (best === null || gain > best.gain)) best = { cut: b + 1, gain };
  }
  return best;
}

/** One round's step for one feature: a small tree over ordered bins, or one leaf per category. */
function featureStep(
  g: Float64Array,
  h: Float64Array,
  c: Float64Array,
  ordered: number,
  settings: BoostingSettings,
  out: Float64Array,
): void {
  const { learningRate, minLeafRows } = settings;
  const leaf = (gs: number, hs: number) => (learningRate * gs) / Math.max(hs, 1e-9);
  out.fill(0);
  // Unordered bins (categories, and the missing bin of a number) each take their own step.
  for (let b = ordered; b < g.length; b++)
    if ((c[b] as number) >= minLeafRows && (h[b] as number) > 0)
      out[b] = leaf(g[b] as number, h[b] as number);
  if (ordered === 0) return;
  // Ordered bins: a tree of at most maxLeaves contiguous leaves, grown greedily as EBM does.
  const leaves: Segment[] = [{ from: 0, to: ordered }];
  while (leaves.length < settings.maxLeaves) {
    let chosen = -1;
    let cut: { cut: number; gain: number } | null = null;
    leaves.forEach((s, k) => {
      const found = bestCut(g, h, c, s, minLeafRows);
      if (found !== null && (cut === null || found.gain > cut.gain)) {
        cut = found;
        chosen = k;
      }
    });
    if (cut === null) break;
    const s = leaves[chosen] as Segment;
    const at = (cut as { cut: number }).cut;
    leaves.splice(chosen, 1, { from: s.from, to: at }, { from: at, to: s.to });
  }
  for (const s of leaves) {
    let gs = 0;
    let hs = 0;
    let cs = 0;
    for (let b = s.from; b < s.to; b++) {
      gs += g[b] as number;
      hs += h[b] as number;
      cs += c[b] as number;
    }
    if (cs < minLeafRows || hs <= 0) continue;
    const v = leaf(gs, hs);
    for (let b = s.from; b < s.to; b++) out[b] = v;
  }
}

/** @internal One bag's rows, copied out in order (see {@link bagRows}). */
export interface BagRows {
  /** Parameter indices row by row: the intercept's 0, then each feature's `offsets[f] + bin`. */
  readonly idx: Uint16Array;
  /** Outcomes, in the same order. */
  readonly y: Uint8Array;
  /** Indices per row: features + 1. */
  readonly width: number;
  /** The first rows, held out to stop on. */
  readonly validationCount: number;
  /** The rows after them, trained on. */
  readonly trainCount: number;
}

/**
 * @internal A bag's seeded split of the rows: the design rows it uses, validation rows first (at
 * most `recordsPerRound`), then training rows. The same bag and seed give the same split, so a later
 * stage (the pairs) stops on the same held-out rows as the main effects did.
 *
 * The split is stratified by outcome, as the explainable boosting machine draws its outer bags
 * (interpret's `make_bag`): each outcome gives the held-out slice its own share of records, so every
 * bag trains on the same number of records with the same conversion rate and only the records
 * themselves differ between bags. The seeded shuffle is walked once; a record goes to the held-out
 * slice while its outcome's quota lasts, so each outcome's held-out records are a uniform sample of
 * that outcome's and the training records stay in shuffled order (rounds take them in turn).
 */
export function bagSplit(
  rows: Uint32Array,
  labels: Uint8Array,
  settings: BoostingSettings,
  seed: number,
  bag: number,
): { readonly order: Uint32Array; readonly validationCount: number; readonly trainCount: number } {
  const shuffle = shuffledIndices(rows.length, seededRandom(seed + 7919 * (bag + 1)));
  const heldOut = Math.floor(rows.length * settings.validationShare);
  const validationCount = Math.min(heldOut, settings.recordsPerRound);
  const trainCount = rows.length - heldOut;
  let wins = 0;
  for (let q = 0; q < rows.length; q++) wins += labels[rows[q] as number] as number;
  // Quotas per outcome: conversions get their share of the held-out slice (rounded), and of the
  // part of it used to stop on; the rest of each slice goes to non-conversions.
  const share = (count: number) => Math.min(wins, Math.round((count * wins) / Math.max(1, rows.length)));
  const winsHeld = Math.max(share(heldOut), heldOut - (rows.length - wins));
  const winsValidation = Math.min(
    winsHeld,
    Math.max(share(validationCount), validationCount - (heldOut - winsHeld)),
  );
  const quota = {
    validation: [validationCount - winsValidation, winsValidation],
    unused: [heldOut - validationCount - (winsHeld - winsValidation), winsHeld - winsValidation],
  };
  const order = new Uint32Array(validationCount + trainCount);
  let v = 0;
  let t = validationCount;
  for (let q = 0; q < rows.length; q++) {
    const row = rows[shuffle[q] as number] as number;
    const y = labels[row] as number;
    if ((quota.validation[y] as number) > 0) {
      quota.validation[y] = (quota.validation[y] as number) - 1;
      order[v++] = row;
    } else if ((quota.unused[y] as number) > 0) quota.unused[y] = (quota.unused[y] as number) - 1;
    else order[t++] = row;
  }
  return { order, validationCount, trainCount };
}

/**
 * @internal A bag's rows ({@link bagSplit}) copied out in order so every pass reads memory
 * sequentially: parameter indices row by row.
 */
export function bagRows(
  design: Design,
  rows: Uint32Array,
  settings: BoostingSettings,
  seed: number,
  bag: number,
): BagRows {
  const k = design.columns.length;
  const { order, validationCount, trainCount } = bagSplit(rows, design.labels, settings, seed, bag);
  const width = k + 1;
  const idx = new Uint16Array(order.length * width);
  const y = new Uint8Array(order.length);
  for (let q = 0; q < order.length; q++) {
    const row = order[q] as number;
    y[q] = design.labels[row] as number;
    for (let f = 0; f < k; f++)
      idx[q * width + f + 1] =
        (design.offsets[f] as number) + ((design.columns[f] as Uint8Array)[row] as number);
  }
  return { idx, y, width, validationCount, trainCount };
}

/**
 * @internal Cyclic gradient boosting of an additive model over binned features, one feature at a
 * time with a small learning rate and no interactions — the explainable boosting machine's idea.
 * Each bag boosts on its own seeded split of the rows and stops when its validation log-loss has
 * not improved for `patience` rounds; the bags' scores are averaged. A round's steps are computed on
 * a block of at most `recordsPerRound` training rows, taken in turn (all of them for a smaller
 * history): stochastic gradient boosting, so a million rows cost no more per round than fifty
 * thousand.
 *
 * @param ordered - For each feature, how many of its first bins are ordered (numeric ranges); the
 *   rest (categories, the missing bin) are unordered.
 */
export function boostAdditive(
  design: Design,
  rows: Uint32Array,
  ordered: readonly number[],
  settings: BoostingSettings,
  seed: number,
  onRound: (bag: number, round: number) => void,
): BoostingResult {
  const k = design.columns.length;
  const total = new Float64Array(design.params);
  const kept: number[] = [];
  const widths = Array.from(
    { length: k },
    (_, f) => ((design.offsets[f + 1] ?? design.params) as number) - (design.offsets[f] as number),
  );
  const widest = Math.max(1, ...widths);
  const g = new Float64Array(widest);
  const h = new Float64Array(widest);
  const c = new Float64Array(widest);
  const step = new Float64Array(widest);
  for (let bag = 0; bag < settings.bags; bag++) {
    const { idx, y, width, validationCount, trainCount } = bagRows(design, rows, settings, seed, bag);
    const used = validationCount + trainCount;
    let wins = 0;
    for (let q = validationCount; q < used; q++) wins += y[q] as number;
    const rate = (wins + 0.5) / (trainCount + 1);
    const scores = new Float64Array(design.params);
    scores[0] = Math.log(rate / (1 - rate));
    const blockSize = Math.min(trainCount, settings.recordsPerRound);
    const eta = new Float64Array(blockSize);
    const blockRows = new Uint32Array(blockSize);
    let cursor = 0;
    let best = Number.POSITIVE_INFINITY;
    let bestRound = 0;
    let snapshot = Float64Array.from(scores);
    for (let round = 1; round <= settings.maxRounds; round++) {
      for (let q = 0; q < blockSize; q++) {
        const r = validationCount + cursor;
        cursor = cursor + 1 === trainCount ? 0 : cursor + 1;
        blockRows[q] = r;
        let e = 0;
        for (let a = 0, base = r * width; a < width; a++) e += scores[idx[base + a] as number] as number;
        eta[q] = e;
      }
      for (let f = 0; f < k; f++) {
        const width_f = widths[f] as number;
        const offset = design.offsets[f] as number;
        const gf = g.subarray(0, width_f);
        const hf = h.subarray(0, width_f);
        const cf = c.subarray(0, width_f);
        gf.fill(0);
        hf.fill(0);
        cf.fill(0);
        for (let q = 0; q < blockSize; q++) {
          const r = blockRows[q] as number;
          const b = (idx[r * width + f + 1] as number) - offset;
          const prob = sigmoid(eta[q] as number);
          gf[b] = (gf[b] as number) + (y[r] as number) - prob;
          hf[b] = (hf[b] as number) + prob * (1 - prob);
          cf[b] = (cf[b] as number) + 1;
        }
        const sf = step.subarray(0, width_f);
        featureStep(gf, hf, cf, ordered[f] as number, settings, sf);
        for (let b = 0; b < width_f; b++)
          scores[offset + b] = (scores[offset + b] as number) + (sf[b] as number);
        for (let q = 0; q < blockSize; q++)
          eta[q] =
            (eta[q] as number) +
            (sf[(idx[(blockRows[q] as number) * width + f + 1] as number) - offset] as number);
      }
      onRound(bag, round);
      if (validationCount === 0) {
        snapshot = scores;
        bestRound = round;
        continue;
      }
      let loss = 0;
      for (let q = 0; q < validationCount; q++) {
        let e = 0;
        for (let a = 0, base = q * width; a < width; a++) e += scores[idx[base + a] as number] as number;
        loss += rowLoss(e, y[q] as number);
      }
      if (best === Number.POSITIVE_INFINITY || loss < best - 1e-9 * Math.abs(best)) {
        best = loss;
        bestRound = round;
        snapshot = Float64Array.from(scores);
      } else if (round - bestRound >= settings.patience) break;
    }
    kept.push(bestRound);
    for (let j = 0; j < design.params; j++)
      total[j] = (total[j] as number) + (snapshot[j] as number) / settings.bags;
  }
  return { scores: total, rounds: kept };
}
