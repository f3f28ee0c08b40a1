import type { StepTrace } from '@/engine/types';
import type { RunDetail, RunProgressReport } from '@/lib/run-view';

/** Outcome of a run action: the finished run, or null while the run is still going. */
export type RunStepResult<T> = ({ ok: true } & T) | { ok: false; error: string };

export interface PollRunOptions {
  /** Starts the run; returns the finished run when it ended before the action returned. */
  start(): Promise<RunStepResult<{ runId: string; run: RunDetail | null }>>;
  /** Fetches the progress after the first `afterStep` steps, or the finished run. */
  poll(
    runId: string,
    afterStep: number,
  ): Promise<RunStepResult<{ progress: RunProgressReport | null; run: RunDetail | null }>>;
  /** Receives every step recorded so far and the blocks running now. */
  onProgress(steps: StepTrace[], runningBlockIds: string[]): void;
  /** Pause between polls; default 250 ms. */
  intervalMs?: number;
  sleep?(ms: number): Promise<void>;
}

export class RunRequestError extends Error {
  readonly code = 'RUN_REQUEST_FAILED';

  constructor(message: string) {
    super(message);
    this.name = 'RunRequestError';
  }
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Starts a run and polls its progress until it finishes, handing each progress report to
 * `onProgress`. Server actions run one at a time per browser tab, so the start action returns
 * while the run goes on, and each poll is a separate short action. Throws `RunRequestError` with
 * the server's message when an action fails.
 */
export async function pollRun(options: PollRunOptions): Promise<RunDetail> {
  const sleep = options.sleep ?? defaultSleep;
  const started = await options.start();
  if (!started.ok) throw new RunRequestError(started.error);
  if (started.run) return started.run;

  const steps: StepTrace[] = [];
  for (;;) {
    await sleep(options.intervalMs ?? 250);

    const report = await options.poll(started.runId, steps.length);
    if (!report.ok) throw new RunRequestError(report.error);
    if (report.run) return report.run;

    if (report.progress) {
      steps.push(...report.progress.steps);
      options.onProgress([...steps], report.progress.runningBlockIds);
    }
  }
}
