import { type BoostingSettings, bagSplit } from "./additive-boosting.js";
import { type Design, rowLoss } from "./logistic-regression.js";
import { sigmoid } from "./random.js";

/**
 * @internal A feature's bins grouped coarsely for pairs: a numeric feature's ordered ranges in a
 * few contiguous groups of about equal size, then its missing bin; a category's most frequent
 * values each on their own, then the rest (rarer values, "other" and missing) together.
 */
export interface CoarseBins {
  /** Fine bin → coarse bin. */
  readonly map: Uint8Array;
  /** Coarse bin → the fine bins it holds, ascending. */
  readonly groups: readonly (readonly number[])[];
}

/**
 * @internal Groups a feature's fine bins into at most `most` coarse bins.
 *
 * @param rows - Training rows per fine bin.
 * @param ordered - How many of the first bins are ordered ranges (0 for a category); a number's
 *   only unordered bin is its missing bin.
 * @param kind - The feature's kind.
 */
export function coarseBins(
  rows: Float64Array,
  ordered: number,
  kind: "number" | "category",
  most: number,
): CoarseBins {
  const n = rows.length;
  const groups: number[][] = [];
  if (kind === "number") {
    let total = 0;
    for (let b = 0; b < ordered; b++) total += rows[b] as number;
    const slots = Math.max(1, most - 1);
    let current: number[] = [];
    let seen = 0;
    for (let b = 0; b < ordered; b++) {
      current.push(b);
      seen += rows[b] as number;
      // Close the group once it reaches its share of the rows (the last group takes what is left).
      if (groups.length < slots - 1 && seen >= ((groups.length + 1) * total) / slots && b < ordered - 1) {
        groups.push(current);
        current = [];
      }
    }
    if (current.length > 0) groups.push(current);
    for (let b = ordered; b < n; b++) groups.push([b]);
  } else {
    // Values are bins 0 … n − 3; then "other", then missing.
    const values = Math.max(0, n - 2);
    const own = Array.from({ length: values }, (_, b) => b)
      .filter((b) => (rows[b] as number) > 0)
      .sort((a, b) => (rows[b] as number) - (rows[a] as number) || a - b)
      .slice(0, Math.max(1, most - 1))
      .sort((a, b) => a - b);
    const owned = new Set(own);
    for (const b of own) groups.push([b]);
    const rest = Array.from({ length: n }, (_, b) => b).filter((b) => !owned.has(b));
    if (rest.length > 0) groups.push(rest);
  }
  const map = new Uint8Array(n);
  groups.forEach((group, g) => {
    for (const b of group) map[b] = g;
  });
  return { map, groups };
}

/** @internal A pair of features and the gain that chose it. */
export interface RankedPair {
  readonly features: readonly [number, number];
  readonly gain: number;
}

/**
 * The order a pair's cuts run along: a number's coarse bins as they come (ranges, then missing); a
 * category's by their mean main-effect score, so a cut separates values that help from those that
 * hurt.
 */
function cutOrder(
  coarse: CoarseBins,
  ordered: number,
  mainScores: Float64Array,
  rows: Float64Array,
): Int32Array {
  const k = coarse.groups.length;
  const order = Int32Array.from({ length: k }, (_, g) => g);
  if (ordered > 0) return order;
  const mean = coarse.groups.map((group) => {
    let s = 0;
    let c = 0;
    for (const b of group) {
      s += (rows[b] as number) * (mainScores[b] as number);
      c += rows[b] as number;
    }
    return c > 0 ? s / c : 0;
  });
  return Int32Array.from([...order].sort((a, b) => (mean[a] as number) - (mean[b] as number) || a - b));
}

/**
 * @internal Ranks every pair of features by FAST (Lou et al., 2013): on the gradients and Hessians
 * of the main-effect model's log-loss, the gain of the best single cut on each feature (four
 * quadrants) over none, each feature's coarse bins taken along {@link cutOrder}. Returns pairs with
 * a positive gain, strongest first (ties: the earlier pair).
 */
export function rankPairs(
  design: Design,
  rows: Uint32Array,
  mainScores: Float64Array,
  coarse: readonly CoarseBins[],
  orders: readonly Int32Array[],
): RankedPair[] {
  const k = design.columns.length;
  const sizes = coarse.map((c) => c.groups.length);
  const pairs: [number, number][] = [];
  for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) pairs.push([a, b]);
  const offsets = new Int32Array(pairs.length + 1);
  pairs.forEach(([a, b], p) => {
    offsets[p + 1] = (offsets[p] as number) + (sizes[a] as number) * (sizes[b] as number);
  });
  const cells = offsets[pairs.length] as number;
  const g = new Float64Array(cells);
  const h = new Float64Array(cells);
  const coarseOf = new Int32Array(k);
  for (let q = 0; q < rows.length; q++) {
    const i = rows[q] as number;
    let eta = mainScores[0] as number;
    for (let f = 0; f < k; f++) {
      const bin = (design.columns[f] as Uint8Array)[i] as number;
      eta += mainScores[(design.offsets[f] as number) + bin] as number;
      coarseOf[f] = (coarse[f] as CoarseBins).map[bin] as number;
    }
    const prob = sigmoid(eta);
    const r = (design.labels[i] as number) - prob;
    const w = prob * (1 - prob);
    for (let p = 0; p < pairs.length; p++) {
      const [a, b] = pairs[p] as [number, number];
      const cell =
        (offsets[p] as number) + (coarseOf[a] as number) * (sizes[b] as number) + (coarseOf[b] as number);
      g[cell] = (g[cell] as number) + r;
      h[cell] = (h[cell] as number) + w;
    }
  }
  const ranked = pairs.map(([a, b], p) => {
    const gain = bestQuadrantGain(
      g.subarray(offsets[p] as number, offsets[p + 1] as number),
      h.subarray(offsets[p] as number, offsets[p + 1] as number),
      orders[a] as Int32Array,
      orders[b] as Int32Array,
    );
    return { features: [a, b] as const, gain, p };
  });
  return ranked
    .filter((r) => r.gain > 1e-9)
    .sort((x, y) => y.gain - x.gain || x.p - y.p)
    .map(({ features, gain }) => ({ features, gain }));
}

/**
 * @internal Chooses the `most` strongest pairs by {@link rankPairs}, ready to boost.
 */
export function choosePairs(
  design: Design,
  rows: Uint32Array,
  mainScores: Float64Array,
  coarse: readonly CoarseBins[],
  ordered: readonly number[],
  binRows: readonly Float64Array[],
  most: number,
): PairTerm[] {
  const orders = coarse.map((c, f) =>
    cutOrder(
      c,
      ordered[f] as number,
      mainScores.subarray(design.offsets[f] as number),
      binRows[f] as Float64Array,
    ),
  );
  return rankPairs(design, rows, mainScores, coarse, orders)
    .slice(0, most)
    .map(({ features: [a, b], gain }) => ({
      features: [a, b] as const,
      gain,
      coarse: [coarse[a] as CoarseBins, coarse[b] as CoarseBins] as const,
      orders: [orders[a] as Int32Array, orders[b] as Int32Array] as const,
    }));
}

/** Leaf gain G²/H, 0 for an empty side. */
const score = (g: number, h: number) => (h > 1e-12 ? (g * g) / h : 0);

/** The best four-quadrant split of a 2-D table of gradients (rows along `oa`, columns along `ob`). */
function bestQuadrantGain(g: Float64Array, h: Float64Array, oa: Int32Array, ob: Int32Array): number {
  const na = oa.length;
  const nb = ob.length;
  if (na < 2 || nb < 2) return 0;
  // Cumulative sums over the ordered table: S[x][y] = sum of cells before x along a, before y along b.
  const sg = new Float64Array((na + 1) * (nb + 1));
  const sh = new Float64Array((na + 1) * (nb + 1));
  for (let x = 0; x < na; x++)
    for (let y = 0; y < nb; y++) {
      const cell = (oa[x] as number) * nb + (ob[y] as number);
      const at = (x + 1) * (nb + 1) + (y + 1);
      sg[at] =
        (g[cell] as number) +
        (sg[at - 1] as number) +
        (sg[at - nb - 1] as number) -
        (sg[at - nb - 2] as number);
      sh[at] =
        (h[cell] as number) +
        (sh[at - 1] as number) +
        (sh[at - nb - 1] as number) -
        (sh[at - nb - 2] as number);
    }
  const at = (x: number, y: number) => x * (nb + 1) + y;
  const gAll = sg[at(na, nb)] as number;
  const hAll = sh[at(na, nb)] as number;
  const whole = score(gAll, hAll);
  let best = 0;
  for (let x = 1; x < na; x++)
    for (let y = 1; y < nb; y++) {
      const g00 = sg[at(x, y)] as number;
      const h00 = sh[at(x, y)] as number;
      const g0 = sg[at(x, nb)] as number;
      const h0 = sh[at(x, nb)] as number;
      const g_0 = sg[at(na, y)] as number;
      const h_0 = sh[at(na, y)] as number;
      const gain =
        score(g00, h00) +
        score(g0 - g00, h0 - h00) +
        score(g_0 - g00, h_0 - h00) +
        score(gAll - g0 - g_0 + g00, hAll - h0 - h_0 + h00) -
        whole;
      if (gain > best) best = gain;
    }
  return best;
}

/** @internal A chosen pair, ready to boost: its features, their coarse bins, its cut orders. */
export interface PairTerm {
  readonly features: readonly [number, number];
  readonly coarse: readonly [CoarseBins, CoarseBins];
  /** The FAST gain that chose the pair. */
  readonly gain: number;
  /** Each feature's coarse bins in the order cuts run along. */
  readonly orders: readonly [Int32Array, Int32Array];
}

/** @internal What boosting the pairs found. */
export interface PairBoostingResult {
  /** One score per cell of each pair (row-major: first feature's coarse bin × second's), averaged over bags. */
  readonly scores: readonly Float64Array[];
  /** Rounds each bag kept. */
  readonly rounds: readonly number[];
}

/** Rectangle sums over a pair's table taken along two cut orders (2-D prefix sums). */
interface OrderedTable {
  readonly nx: number;
  readonly ny: number;
  /** The cell of position (x, y). */
  readonly cell: (x: number, y: number) => number;
  /** Sums of gradient, Hessian and rows over positions [x0, x1) × [y0, y1). */
  readonly rect: (x0: number, x1: number, y0: number, y1: number) => { gs: number; hs: number; cs: number };
}

function orderedTable(
  g: Float64Array,
  h: Float64Array,
  c: Float64Array,
  xs: Int32Array,
  ys: Int32Array,
  nb: number,
  swap: boolean,
): OrderedTable {
  const nx = xs.length;
  const ny = ys.length;
  const cell = (x: number, y: number) =>
    swap ? (ys[y] as number) * nb + (xs[x] as number) : (xs[x] as number) * nb + (ys[y] as number);
  const stride = ny + 1;
  const pg = new Float64Array((nx + 1) * stride);
  const ph = new Float64Array((nx + 1) * stride);
  const pc = new Float64Array((nx + 1) * stride);
  for (let x = 0; x < nx; x++)
    for (let y = 0; y < ny; y++) {
      const k = cell(x, y);
      const at = (x + 1) * stride + y + 1;
      pg[at] =
        (g[k] as number) +
        (pg[at - 1] as number) +
        (pg[at - stride] as number) -
        (pg[at - stride - 1] as number);
      ph[at] =
        (h[k] as number) +
        (ph[at - 1] as number) +
        (ph[at - stride] as number) -
        (ph[at - stride - 1] as number);
      pc[at] =
        (c[k] as number) +
        (pc[at - 1] as number) +
        (pc[at - stride] as number) -
        (pc[at - stride - 1] as number);
    }
  const box = (p: Float64Array, x0: number, x1: number, y0: number, y1: number) =>
    (p[x1 * stride + y1] as number) -
    (p[x0 * stride + y1] as number) -
    (p[x1 * stride + y0] as number) +
    (p[x0 * stride + y0] as number);
  return {
    nx,
    ny,
    cell,
    rect: (x0, x1, y0, y1) => ({
      gs: box(pg, x0, x1, y0, y1),
      hs: box(ph, x0, x1, y0, y1),
      cs: box(pc, x0, x1, y0, y1),
    }),
  };
}

interface Leaf {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/** The best tree of depth two: a cut along x, then a cut along y within each side. */
function growPairTree(t: OrderedTable, minRows: number): { gain: number; leaves: Leaf[] } {
  const { nx, ny } = t;
  const bestSecond = (x0: number, x1: number) => {
    const all = t.rect(x0, x1, 0, ny);
    let best = { gain: 0, leaves: [{ x0, x1, y0: 0, y1: ny }] };
    for (let y = 1; y < ny; y++) {
      const lo = t.rect(x0, x1, 0, y);
      const hi = t.rect(x0, x1, y, ny);
      if (lo.cs < minRows || hi.cs < minRows) continue;
      const gain = score(lo.gs, lo.hs) + score(hi.gs, hi.hs) - score(all.gs, all.hs);
      if (gain > best.gain + 1e-12)
        best = {
          gain,
          leaves: [
            { x0, x1, y0: 0, y1: y },
            { x0, x1, y0: y, y1: ny },
          ],
        };
    }
    return best;
  };
  const all = t.rect(0, nx, 0, ny);
  // Without a cut worth making, the whole table moves as one leaf (as a feature's does).
  let best: { gain: number; leaves: Leaf[] } = { gain: 0, leaves: [{ x0: 0, x1: nx, y0: 0, y1: ny }] };
  for (let x = 1; x < nx; x++) {
    const lo = t.rect(0, x, 0, ny);
    const hi = t.rect(x, nx, 0, ny);
    if (lo.cs < minRows || hi.cs < minRows) continue;
    const left = bestSecond(0, x);
    const right = bestSecond(x, nx);
    const gain = score(lo.gs, lo.hs) + left.gain + score(hi.gs, hi.hs) + right.gain - score(all.gs, all.hs);
    if (gain > best.gain + 1e-12) best = { gain, leaves: [...left.leaves, ...right.leaves] };
  }
  return best;
}

/**
 * One round's step for one pair: a tree of depth two over its ordered table — the best cut on one
 * feature, then the best cut on the other within each side (the explainable boosting machine's pair
 * trees), whichever feature goes first gains more — each leaf moving `learningRate` of the way to
 * its Newton step.
 */
function pairStep(
  g: Float64Array,
  h: Float64Array,
  c: Float64Array,
  oa: Int32Array,
  ob: Int32Array,
  settings: BoostingSettings,
  out: Float64Array,
): void {
  out.fill(0);
  const nb = ob.length;
  const across = orderedTable(g, h, c, oa, ob, nb, false);
  const down = orderedTable(g, h, c, ob, oa, nb, true);
  const first = growPairTree(across, settings.minLeafRows);
  const second = growPairTree(down, settings.minLeafRows);
  const [t, tree] = second.gain > first.gain + 1e-12 ? [down, second] : [across, first];
  for (const leaf of tree.leaves) {
    const s = t.rect(leaf.x0, leaf.x1, leaf.y0, leaf.y1);
    if (s.cs < settings.minLeafRows || s.hs <= 0) continue;
    const v = (settings.learningRate * s.gs) / s.hs;
    for (let x = leaf.x0; x < leaf.x1; x++) for (let y = leaf.y0; y < leaf.y1; y++) out[t.cell(x, y)] = v;
  }
}

/**
 * @internal Boosts the chosen pairs on top of a fixed main-effect model, cyclically, one pair at a
 * time with a small learning rate — the second stage of GA²M / the explainable boosting machine.
 * Each bag uses the same seeded split as the main effects' bag of that number, stops when its
 * held-out log-loss has not improved for `patience` rounds, and the bags' cell scores are averaged.
 * A bag holds each row's main-effect log-odds (8 bytes) and its cell in each pair (1 byte per pair).
 */
export function boostPairs(
  design: Design,
  rows: Uint32Array,
  mainScores: Float64Array,
  pairs: readonly PairTerm[],
  settings: BoostingSettings,
  seed: number,
  onRound: (bag: number, round: number) => void,
): PairBoostingResult {
  const sizes = pairs.map((p) => p.coarse[0].groups.length * p.coarse[1].groups.length);
  const totals = sizes.map((size) => new Float64Array(size));
  const kept: number[] = [];
  const k = design.columns.length;
  const np = pairs.length;
  const widest = Math.max(1, ...sizes);
  const g = new Float64Array(widest);
  const h = new Float64Array(widest);
  const c = new Float64Array(widest);
  const step = new Float64Array(widest);
  for (let bag = 0; bag < settings.bags; bag++) {
    const { order, validationCount, trainCount } = bagSplit(rows, design.labels, settings, seed, bag);
    const used = order.length;
    // Row by row: the main-effect log-odds, the outcome, and the row's cell in each pair.
    const base = new Float64Array(used);
    const y = new Uint8Array(used);
    const cells = new Uint8Array(used * np);
    for (let q = 0; q < used; q++) {
      const i = order[q] as number;
      let e = mainScores[0] as number;
      for (let f = 0; f < k; f++)
        e += mainScores[
          (design.offsets[f] as number) + ((design.columns[f] as Uint8Array)[i] as number)
        ] as number;
      base[q] = e;
      y[q] = design.labels[i] as number;
      for (let p = 0; p < np; p++) {
        const pair = pairs[p] as PairTerm;
        const [fa, fb] = pair.features;
        cells[q * np + p] =
          (pair.coarse[0].map[(design.columns[fa] as Uint8Array)[i] as number] as number) *
            pair.coarse[1].groups.length +
          (pair.coarse[1].map[(design.columns[fb] as Uint8Array)[i] as number] as number);
      }
    }
    const scores = sizes.map((size) => new Float64Array(size));
    let snapshot = scores.map((s) => Float64Array.from(s));
    const blockSize = Math.min(trainCount, settings.recordsPerRound);
    const eta = new Float64Array(blockSize);
    const blockRows = new Uint32Array(blockSize);
    let cursor = 0;
    let best = Number.POSITIVE_INFINITY;
    let bestRound = 0;
    const heldLoss = () => {
      let loss = 0;
      for (let q = 0; q < validationCount; q++) {
        let e = base[q] as number;
        for (let p = 0; p < np; p++) e += (scores[p] as Float64Array)[cells[q * np + p] as number] as number;
        loss += rowLoss(e, y[q] as number);
      }
      return loss;
    };
    // Round 0 is the main effects alone: a pair must beat them on the held-out rows to be kept.
    if (validationCount > 0) best = heldLoss();
    for (let round = 1; round <= settings.maxRounds; round++) {
      for (let q = 0; q < blockSize; q++) {
        const r = validationCount + cursor;
        cursor = cursor + 1 === trainCount ? 0 : cursor + 1;
        blockRows[q] = r;
        let e = base[r] as number;
        for (let p = 0; p < np; p++) e += (scores[p] as Float64Array)[cells[r * np + p] as number] as number;
        eta[q] = e;
      }
      for (let p = 0; p < np; p++) {
        const pair = pairs[p] as PairTerm;
        const size = sizes[p] as number;
        const gp = g.subarray(0, size);
        const hp = h.subarray(0, size);
        const cp = c.subarray(0, size);
        gp.fill(0);
        hp.fill(0);
        cp.fill(0);
        for (let q = 0; q < blockSize; q++) {
          const r = blockRows[q] as number;
          const cell = cells[r * np + p] as number;
          const prob = sigmoid(eta[q] as number);
          gp[cell] = (gp[cell] as number) + (y[r] as number) - prob;
          hp[cell] = (hp[cell] as number) + prob * (1 - prob);
          cp[cell] = (cp[cell] as number) + 1;
        }
        const sp = step.subarray(0, size);
        pairStep(gp, hp, cp, pair.orders[0], pair.orders[1], settings, sp);
        const target = scores[p] as Float64Array;
        for (let cell = 0; cell < size; cell++)
          target[cell] = (target[cell] as number) + (sp[cell] as number);
        for (let q = 0; q < blockSize; q++)
          eta[q] = (eta[q] as number) + (sp[cells[(blockRows[q] as number) * np + p] as number] as number);
      }
      onRound(bag, round);
      if (validationCount === 0) {
        snapshot = scores;
        bestRound = round;
        continue;
      }
      const loss = heldLoss();
      if (loss < best - 1e-9 * Math.abs(best)) {
        best = loss;
        bestRound = round;
        snapshot = scores.map((s) => Float64Array.from(s));
      } else if (round - bestRound >= settings.patience) break;
    }
    kept.push(bestRound);
    snapshot.forEach((s, p) => {
      const total = totals[p] as Float64Array;
      for (let cell = 0; cell < s.length; cell++)
        total[cell] = (total[cell] as number) + (s[cell] as number) / settings.bags;
    });
  }
  return { scores: totals, rounds: kept };
}
