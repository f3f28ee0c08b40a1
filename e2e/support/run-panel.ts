import { expect, type Locator, type Page } from '@playwright/test';

/** What a finished run shows in the run panel's summary. */
export interface RunOutcome {
  runId: string;
  status: string;
}

/** Reads the run id of a run address, `/workflows/<id>/runs/<runId>`, or null. */
export function runIdOf(url: string): string | null {
  return /\/runs\/([^/?#]+)/.exec(new URL(url).pathname)?.[1] ?? null;
}

/**
 * The panel below the canvas: run buttons and input, run summary and metrics, run history,
 * timeline and step inspector.
 */
export class RunPanel {
  readonly root: Locator;
  readonly previewButton: Locator;
  readonly liveButton: Locator;
  readonly blockedReason: Locator;
  readonly status: Locator;
  readonly timeline: Locator;
  readonly bars: Locator;
  readonly inspector: Locator;
  readonly history: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('run-panel');
    this.previewButton = page.getByTestId('run-preview');
    this.liveButton = page.getByTestId('run-live');
    this.blockedReason = page.getByTestId('run-blocked-reason');
    this.status = page.getByTestId('run-status');
    this.timeline = page.getByTestId('timeline');
    this.bars = page.getByTestId('timeline-bar');
    this.inspector = page.getByTestId('inspector');
    this.history = page.getByTestId('run-history');
  }

  /** A value of the metrics bar, such as `queries`, `cache-hits` or `steps`. */
  metric(name: string): Locator {
    return this.page.getByTestId(`metric-${name}`);
  }

  /** The selected step's output as the inspector's JSON tree shows it. */
  get output(): Locator {
    return this.inspector.getByRole('group', { name: 'Output', exact: true });
  }

  /** The timeline bars of one block's steps. */
  barsOf(blockId: string): Locator {
    return this.page.locator(`[data-testid="timeline-bar"][data-block-id="${blockId}"]`);
  }

  /** Types the run input (JSON) into the input editor. */
  async setInput(input: unknown): Promise<void> {
    const editor = this.page.getByTestId('run-input-editor');
    if (!(await editor.isVisible())) await this.page.getByTestId('run-input-toggle').click();

    await editor.getByLabel('Run input (JSON)').fill(JSON.stringify(input));
    await expect(this.page.getByTestId('run-input-problems').locator('li')).toHaveCount(0);
  }

  /** Presses Preview and waits until the new run has finished. */
  async preview(): Promise<RunOutcome> {
    return this.startAndWait(() => this.previewButton.click());
  }

  /** Presses Run live, confirms the dialog and waits until the new run has finished. */
  async runLive(): Promise<RunOutcome> {
    return this.startAndWait(async () => {
      await this.liveButton.click();
      const dialog = this.page.getByRole('dialog', { name: 'Run live?' });
      await expect(dialog).toContainText('A live run commits its writes');
      await dialog.getByTestId('confirm-button').click();
    });
  }

  /** Presses "Replay from here" on the selected step and waits for the replay to finish. */
  async replayFromHere(): Promise<RunOutcome> {
    return this.startAndWait(() =>
      this.inspector.getByRole('button', { name: 'Replay from here' }).click(),
    );
  }

  /** Opens a run from the run history and waits until its summary shows. */
  async openFromHistory(runId: string): Promise<void> {
    await this.history.locator(`[data-run-id="${runId}"]`).click();
    await this.page.waitForURL((url) => runIdOf(url.href) === runId);
    await expect(this.page.getByTestId('run-summary')).toBeVisible();
  }

  /**
   * Starts a run and waits for its address, which the page shows once the run has finished,
   * then for its final status in the summary.
   */
  private async startAndWait(start: () => Promise<void>): Promise<RunOutcome> {
    const previous = runIdOf(this.page.url());
    await start();

    const requestError = await this.waitForNewRunOrRequestError(previous);
    if (requestError !== null) throw new Error(`The run request failed: ${requestError}`);

    await expect(this.status).toHaveText(/^(success|error|interrupted)$/);
    return { runId: runIdOf(this.page.url())!, status: (await this.status.textContent())! };
  }

  /** Waits for a run address other than `previous`, or returns the run panel's request error. */
  private async waitForNewRunOrRequestError(previous: string | null): Promise<string | null> {
    const requestError = this.page.getByTestId('run-request-error');
    const isNewRun = (url: URL) => {
      const runId = runIdOf(url.href);
      return runId !== null && runId !== previous;
    };

    // The race also handles the losing wait, which fails once the test closes the page.
    const finished = this.page.waitForURL(isNewRun).then(() => null);
    const failed = requestError.waitFor().then(() => requestError.textContent());
    return Promise.race([finished, failed]);
  }
}
