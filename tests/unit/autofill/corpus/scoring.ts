// Per-role precision, recall and F1 of form detection against labelled pages.
//
// Each labelled case becomes a list of slots (an expected role and the element, or the few
// elements any one of which may take it, like "username or e-mail" on a login form), a set of
// elements whose predictions are not judged (outside the labelled form, or unlabelled by the
// source), and a set of elements that must never be filled (honeypots, one-time codes, card
// fields, newsletter and search boxes). Predictions outside every slot count as false positives.

export type Bucket =
  | 'username'
  | 'current-password'
  | 'new-password'
  | 'password'
  | 'identifier'
  | 'one-time-code';

export interface Slot {
  /** 'password' accepts either password role (Firefox does not say which). */
  role: Bucket;
  elements: ReadonlySet<Element>;
}

export interface LabelledCase {
  name: string;
  slots: Slot[];
  /** Predictions on these elements are not judged either way. */
  unjudged: ReadonlySet<Element>;
  /** Filling any of these is a failure a person would notice. */
  neverFill: ReadonlySet<Element>;
}

export interface Prediction {
  element: Element;
  role: Bucket;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Score {
  byRole: Map<Bucket, Counts>;
  total: Counts;
  /** Predictions on never-fill elements, with the case they came from. */
  badFills: string[];
  /** Misses and false positives, for the printed report. */
  errors: string[];
  /** Predictions on elements the source does not judge (outside labelled forms). */
  unjudged: number;
}

export function emptyScore(): Score {
  return { byRole: new Map(), total: { tp: 0, fp: 0, fn: 0 }, badFills: [], errors: [], unjudged: 0 };
}

function compatible(slot: Bucket, predicted: Bucket): boolean {
  if (slot === predicted) return true;
  return slot === 'password' && (predicted === 'current-password' || predicted === 'new-password');
}

function bump(score: Score, role: Bucket, key: keyof Counts): void {
  let counts = score.byRole.get(role);
  if (!counts) {
    counts = { tp: 0, fp: 0, fn: 0 };
    score.byRole.set(role, counts);
  }
  counts[key]++;
  score.total[key]++;
}

/** Adds one case's outcome to `score`; returns the slots no prediction filled. */
export function scoreCase(score: Score, labelled: LabelledCase, predictions: readonly Prediction[]): Slot[] {
  const filled = new Set<Slot>();
  for (const prediction of predictions) {
    const slot = labelled.slots.find((candidate) => candidate.elements.has(prediction.element));
    // A code field is never to be filled with a username or password, but its own role is right.
    const ownRole = slot !== undefined && compatible(slot.role, prediction.role);
    if (labelled.neverFill.has(prediction.element) && !ownRole) {
      score.badFills.push(`${labelled.name}: ${describeElement(prediction.element)} as ${prediction.role}`);
    }
    if (slot && !filled.has(slot) && compatible(slot.role, prediction.role)) {
      filled.add(slot);
      bump(score, slot.role, 'tp');
      continue;
    }
    if (!slot && labelled.unjudged.has(prediction.element)) {
      score.unjudged++;
      continue;
    }
    bump(score, prediction.role, 'fp');
    score.errors.push(`FP ${labelled.name}: ${describeElement(prediction.element)} as ${prediction.role}`);
  }
  const missed = labelled.slots.filter((slot) => !filled.has(slot));
  for (const slot of missed) {
    bump(score, slot.role, 'fn');
    const [first] = slot.elements;
    score.errors.push(`FN ${labelled.name}: ${first ? describeElement(first) : '?'} should be ${slot.role}`);
  }
  return missed;
}

export interface Rates {
  precision: number;
  recall: number;
  f1: number;
}

export function rates(counts: Counts): Rates {
  const precision = counts.tp + counts.fp === 0 ? 1 : counts.tp / (counts.tp + counts.fp);
  const recall = counts.tp + counts.fn === 0 ? 1 : counts.tp / (counts.tp + counts.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** A table of per-role and total precision / recall / F1, for the test log. */
export function formatScore(title: string, score: Score, notes: readonly string[]): string {
  const lines = [`${title}`];
  const row = (label: string, counts: Counts) => {
    const { precision, recall, f1 } = rates(counts);
    lines.push(
      `  ${label.padEnd(17)} P ${precision.toFixed(3)}  R ${recall.toFixed(3)}  F1 ${f1.toFixed(3)}` +
        `  (tp ${counts.tp}, fp ${counts.fp}, fn ${counts.fn})`,
    );
  };
  for (const [role, counts] of [...score.byRole].sort(([a], [b]) => a.localeCompare(b))) row(role, counts);
  row('all roles', score.total);
  lines.push(`  fills into never-fill fields: ${score.badFills.length}`);
  lines.push(`  predictions not judged (outside what the source labels): ${score.unjudged}`);
  for (const note of notes) lines.push(`  note: ${note}`);
  return lines.join('\n');
}

function describeElement(el: Element): string {
  const id = el.id ? `#${el.id}` : '';
  const name = el.getAttribute('name');
  return `<${el.localName}${id}${name ? ` name=${name}` : ''}>`;
}
