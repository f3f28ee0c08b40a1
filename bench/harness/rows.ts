/** Builders for result rows, so figures state only what differs. */

import { summarize } from './stats';
import type { Measurement, ResultRow, Verdict } from './types';

export function measurement(
  label: string,
  samplesMs: number[],
  warmupIterations: number,
): Measurement {
  return { label, summary: summarize(samplesMs, warmupIterations) };
}

/** Builds a memory measurement in megabytes, stored in the summary's `…Ms` fields. */
export function memoryMeasurement(label: string, samplesMb: number[]): Measurement {
  return { label, unit: 'MB', summary: summarize(samplesMb, 0) };
}

export interface ComparedRowInput {
  figure: string;
  label: string;
  subject: Measurement;
  reference?: Measurement;
  target: string;
  /** Whether the target is met, given the row; omit when the row has no target. */
  isMet?: (row: { subject: Measurement; reference?: Measurement; ratio?: number }) => boolean;
  notes?: string[];
}

/** Builds a measured row with the ratio of medians and the verdict filled in. */
export function comparedRow(input: ComparedRowInput): ResultRow {
  const { subject, reference } = input;
  // A ratio to a median at or below zero (a per-node difference drowned in noise) means nothing.
  const hasRatio = reference !== undefined && reference.summary.medianMs > 0;
  const ratio = hasRatio ? subject.summary.medianMs / reference.summary.medianMs : undefined;
  const isMet = input.isMet?.({ subject, reference, ratio });

  return {
    figure: input.figure,
    label: input.label,
    subject,
    reference,
    ratio,
    target: input.target,
    verdict: verdictOf(isMet),
    notes: input.notes,
  };
}

function verdictOf(isMet: boolean | undefined): Verdict {
  if (isMet === undefined) return 'no target';
  return isMet ? 'met' : 'missed';
}

export function notMeasuredRow(
  figure: string,
  label: string,
  target: string,
  reason: string,
): ResultRow {
  return { figure, label, target, verdict: 'not measured', reason };
}
