/** The shapes every figure returns and the report writer reads. */

import type { Summary } from './stats';

export interface Measurement {
  /** Short description of the measured operation. */
  label: string;
  /** `ms` for durations (the default), `MB` for memory; the summary's `…Ms` fields hold it. */
  unit?: 'ms' | 'MB';
  summary: Summary;
}

export type Verdict = 'met' | 'missed' | 'no target' | 'not measured';

/** One line of results: a measurement, its reference from the same process run, and the target. */
export interface ResultRow {
  figure: string;
  label: string;
  subject?: Measurement;
  reference?: Measurement;
  /** Subject median divided by reference median; below 1 means the subject is faster. */
  ratio?: number;
  target: string;
  verdict: Verdict;
  /** Reason for the missing measurement, when `verdict` is `not measured`. */
  reason?: string;
  notes?: string[];
}

export interface FigureContext {
  quick: boolean;
  /** Picks the iteration count for the current mode. */
  iterations(full: number, quick: number): number;
  /** Prints a progress line on stderr. */
  log(message: string): void;
}

export interface Figure {
  /** Name used by `--only`. */
  name: string;
  title: string;
  /** Whether `--quick` runs it. */
  inQuick: boolean;
  run(context: FigureContext): Promise<ResultRow[]>;
}

export interface MachineInfo {
  node: string;
  v8: string;
  platform: string;
  cpuModel: string;
  cores: number;
  totalMemoryGb: number;
  loadAverageAtStart: number[];
  date: string;
}

export interface BenchReport {
  command: string;
  quick: boolean;
  machine: MachineInfo;
  durationSeconds: number;
  rows: ResultRow[];
  /** Figures that threw, with their error; a run with any of these exits with status 1. */
  crashes: { figure: string; error: string }[];
}
