import { sigmoid } from "./random.js";

/**
 * @internal Binned rows as a one-hot design: parameter 0 is the intercept, feature `f`'s bin `b` is
 * parameter `offsets[f] + b`.
 */
export interface Design {
  readonly columns: readonly Uint8Array[];
  readonly labels: Uint8Array;
  readonly offsets: Int32Array;
  readonly params: number;
}

/** @internal Builds the design of binned columns with the given bin counts. */
export function createDesign(
  columns: readonly Uint8Array[],
  labels: Uint8Array,
  bins: readonly number[],
): Design {
  const offsets = new Int32Array(columns.length);
  let params = 1;
  bins.forEach((count, f) => {
    offsets[f] = params;
    params += count;
  });
  return { columns, labels, offsets, params };
}

/** −log P(y | η), computed without overflow. */
export function rowLoss(eta: number, y: number): number {
  const z = y === 1 ? -eta : eta;
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** @internal The log-odds of row `i` under `beta`. */
export function linear(design: Design, beta: Float64Array, i: number): number {
  let eta = beta[0] as number;
  const { columns, offsets } = design;
  for (let f = 0; f < columns.length; f++)
    eta += beta[(offsets[f] as number) + ((columns[f] as Uint8Array)[i] as number)] as number;
  return eta;
}

/** @internal Mean log-loss of the rows under `beta`. */
export function meanLogLoss(design: Design, beta: Float64Array, rows: Uint32Array): number {
  let loss = 0;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k] as number;
    loss += rowLoss(linear(design, beta, i), design.labels[i] as number);
  }
  return rows.length === 0 ? 0 : loss / rows.length;
}

/** Solves `a x = b` for a symmetric positive-definite `a` (Cholesky), in place; false when it is not. */
function solve(a: Float64Array, b: Float64Array, p: number): boolean {
  for (let j = 0; j < p; j++) {
    let d = a[j * p + j] as number;
    for (let k = 0; k < j; k++) d -= (a[j * p + k] as number) ** 2;
    if (!(d > 0)) return false;
    const l = Math.sqrt(d);
    a[j * p + j] = l;
    for (let i = j + 1; i < p; i++) {
      let s = a[i * p + j] as number;
      for (let k = 0; k < j; k++) s -= (a[i * p + k] as number) * (a[j * p + k] as number);
      a[i * p + j] = s / l;
    }
  }
  for (let i = 0; i < p; i++) {
    let s = b[i] as number;
    for (let k = 0; k < i; k++) s -= (a[i * p + k] as number) * (b[k] as number);
    b[i] = s / (a[i * p + i] as number);
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = b[i] as number;
    for (let k = i + 1; k < p; k++) s -= (a[k * p + i] as number) * (b[k] as number);
    b[i] = s / (a[i * p + i] as number);
  }
  return true;
}

/** Above this many parameters a dense Newton step costs too much; cyclic block steps are used. */
const DENSE_LIMIT = 800;

/**
 * The rows' parameter indices laid out row by row (intercept first), so a Newton pass reads memory in
 * order: 2 bytes per feature per row.
 */
function rowMajor(
  design: Design,
  rows: Uint32Array,
): { idx: Uint16Array; labels: Uint8Array; width: number } {
  const k = design.columns.length;
  const width = k + 1;
  const idx = new Uint16Array(rows.length * width);
  const labels = new Uint8Array(rows.length);
  for (let f = 0; f < k; f++) {
    const column = design.columns[f] as Uint8Array;
    const offset = design.offsets[f] as number;
    for (let q = 0; q < rows.length; q++)
      idx[q * width + f + 1] = offset + (column[rows[q] as number] as number);
  }
  for (let q = 0; q < rows.length; q++) labels[q] = design.labels[rows[q] as number] as number;
  return { idx, labels, width };
}

/**
 * @internal Fits an L2-regularised logistic regression on the rows (penalty `lambda / 2 · ‖β‖²`, the
 * intercept unpenalised) by Newton's method with step halving, from `start` when given. It stops
 * when a step moves no coefficient by more than 1e-6 on the log-odds scale.
 */
export function fitLogistic(
  design: Design,
  rows: Uint32Array,
  lambda: number,
  start?: Float64Array,
  maxIterations = 100,
): Float64Array {
  if (design.params > DENSE_LIMIT)
    return fitLogisticByBlocks(design, rows, lambda, start, maxIterations * 20);
  const p = design.params;
  const beta = start === undefined ? new Float64Array(p) : Float64Array.from(start);
  if (start === undefined) beta[0] = baseLogit(design, rows);
  const { idx, labels, width } = rowMajor(design, rows);
  const n = labels.length;
  const h = new Float64Array(p * p);
  const g = new Float64Array(p);
  let previous = Number.POSITIVE_INFINITY;
  let step: Float64Array | null = null;
  let halvings = 0;
  // Newton steps are counted; the halvings of an overshooting step (at most 60 each) are not.
  for (let iteration = 0; iteration < maxIterations; ) {
    h.fill(0);
    g.fill(0);
    let loss = 0;
    for (let q = 0, base = 0; q < n; q++, base += width) {
      let eta = 0;
      for (let a = 0; a < width; a++) eta += beta[idx[base + a] as number] as number;
      const y = labels[q] as number;
      loss += rowLoss(eta, y);
      const prob = sigmoid(eta);
      const r = y - prob;
      const w = prob * (1 - prob);
      for (let a = 0; a < width; a++) {
        const ia = idx[base + a] as number;
        g[ia] = (g[ia] as number) + r;
        const row = ia * p;
        for (let b = a; b < width; b++) {
          const cell = row + (idx[base + b] as number);
          h[cell] = (h[cell] as number) + w;
        }
      }
    }
    for (let j = 1; j < p; j++) loss += (lambda / 2) * (beta[j] as number) ** 2;
    if (step !== null && loss > previous * (1 + 1e-12) + 1e-12) {
      // The last step overshot: take half of it back and look again.
      let largest = 0;
      for (let j = 0; j < p; j++) {
        step[j] = (step[j] as number) / 2;
        beta[j] = (beta[j] as number) - (step[j] as number);
        largest = Math.max(largest, Math.abs(step[j] as number));
      }
      if (largest < 1e-10 || ++halvings > 60) break;
      continue;
    }
    halvings = 0;
    iteration++;
    previous = loss;
    for (let j = 1; j < p; j++) {
      g[j] = (g[j] as number) - lambda * (beta[j] as number);
      h[j * p + j] = (h[j * p + j] as number) + lambda;
    }
    h[0] = (h[0] as number) + 1e-9;
    // The loop filled the upper triangle (active indices rise with the feature); mirror it.
    for (let i = 0; i < p; i++)
      for (let j = i + 1; j < p; j++) {
        const upper = (h[i * p + j] as number) + (h[j * p + i] as number);
        h[i * p + j] = upper;
        h[j * p + i] = upper;
      }
    if (!solve(h, g, p)) break;
    step = Float64Array.from(g);
    let largest = 0;
    for (let j = 0; j < p; j++) {
      beta[j] = (beta[j] as number) + (g[j] as number);
      largest = Math.max(largest, Math.abs(g[j] as number));
    }
    // Newton converges quadratically: after a step this small the next would be below 1e-12.
    if (largest < 1e-6) break;
  }
  return beta;
}

/** @internal The log-odds of the rows' conversion rate, kept finite. */
export function baseLogit(design: Design, rows: Uint32Array): number {
  let wins = 0;
  for (let q = 0; q < rows.length; q++) wins += design.labels[rows[q] as number] as number;
  const rate = (wins + 0.5) / (rows.length + 1);
  return Math.log(rate / (1 - rate));
}

/**
 * @internal Cyclic Newton steps, one feature's bins at a time (their Hessian is diagonal): the same
 * optimum as {@link fitLogistic}, without a dense Hessian, for models with many bins.
 */
export function fitLogisticByBlocks(
  design: Design,
  rows: Uint32Array,
  lambda: number,
  start: Float64Array | undefined,
  maxSweeps: number,
): Float64Array {
  const p = design.params;
  const beta = start === undefined ? new Float64Array(p) : Float64Array.from(start);
  if (start === undefined) beta[0] = baseLogit(design, rows);
  const eta = new Float64Array(rows.length);
  for (let q = 0; q < rows.length; q++) eta[q] = linear(design, beta, rows[q] as number);
  const g = new Float64Array(p);
  const h = new Float64Array(p);
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let largest = 0;
    for (let f = -1; f < design.columns.length; f++) {
      const offset = f < 0 ? 0 : (design.offsets[f] as number);
      const column = f < 0 ? null : (design.columns[f] as Uint8Array);
      g.fill(0);
      h.fill(0);
      for (let q = 0; q < rows.length; q++) {
        const i = rows[q] as number;
        const prob = sigmoid(eta[q] as number);
        const j = offset + (column === null ? 0 : (column[i] as number));
        g[j] = (g[j] as number) + (design.labels[i] as number) - prob;
        h[j] = (h[j] as number) + prob * (1 - prob);
      }
      const end = f < 0 ? 1 : offset + ((design.offsets[f + 1] ?? p) - offset);
      for (let j = offset; j < end; j++) {
        const penalty = f < 0 ? 1e-9 : lambda;
        const delta =
          ((g[j] as number) - (f < 0 ? 0 : lambda * (beta[j] as number))) / ((h[j] as number) + penalty);
        beta[j] = (beta[j] as number) + delta;
        g[j] = delta;
        largest = Math.max(largest, Math.abs(delta));
      }
      for (let q = 0; q < rows.length; q++) {
        const i = rows[q] as number;
        eta[q] = (eta[q] as number) + (g[offset + (column === null ? 0 : (column[i] as number))] as number);
      }
    }
    if (largest < 1e-7) break;
  }
  return beta;
}

/** @internal The penalties cross-validation tries, strongest first (warm starts follow the path). */
export const L2_GRID = [1000, 300, 100, 30, 10, 3, 1, 0.3, 0.1, 0.03] as const;

/**
 * @internal Chooses the L2 strength by k-fold cross-validation on the rows (held-out log-loss;
 * the stronger penalty wins a tie), warm-starting along the path within each fold.
 */
export function chooseL2(
  design: Design,
  rows: Uint32Array,
  folds: number,
  onStep: (done: number, total: number) => void,
): { lambda: number; losses: readonly { lambda: number; loss: number }[] } {
  const losses = L2_GRID.map(() => 0);
  const total = folds * L2_GRID.length;
  let done = 0;
  for (let fold = 0; fold < folds; fold++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let q = 0; q < rows.length; q++) (q % folds === fold ? test : train).push(rows[q] as number);
    const trainRows = Uint32Array.from(train);
    const testRows = Uint32Array.from(test);
    let beta: Float64Array | undefined;
    L2_GRID.forEach((lambda, k) => {
      beta = fitLogistic(design, trainRows, lambda, beta);
      losses[k] = (losses[k] as number) + meanLogLoss(design, beta, testRows) * testRows.length;
      onStep(++done, total);
    });
  }
  let best = 0;
  losses.forEach((loss, k) => {
    if (loss < (losses[best] as number) - 1e-12) best = k;
  });
  return {
    lambda: L2_GRID[best] as number,
    losses: L2_GRID.map((lambda, k) => ({ lambda, loss: (losses[k] as number) / rows.length })),
  };
}
