/**
 * Runs the benchmarks and writes bench/results.json and the table in bench/RESULTS.md. With
 * `--quick` it runs a subset into bench/results.quick.json and bench/RESULTS.quick.md, and with
 * `--only` the named figures into bench/results.partial.json. Exits with 1 when a figure
 * crashed, 2 on bad usage and 0 otherwise, whatever the numbers.
 */

import path from 'node:path';

import { FIGURES } from './figures';
import { closeSharedDatabases } from './support/databases';
import { parseBenchOptions, USAGE, type BenchOptions } from './harness/cli';
import { describeMachine } from './harness/machine';
import { writeJsonReport, writeMarkdownReport } from './harness/report';
import { collectGarbage } from './harness/timer';
import type { BenchReport, Figure, FigureContext } from './harness/types';

// The product's logger reads LOG_LEVEL when first loaded; keep run logs out of the output.
process.env.LOG_LEVEL ??= 'warn';

const BENCH_DIR = path.dirname(new URL(import.meta.url).pathname);

function selectFigures(options: BenchOptions): Figure[] {
  const unknown = options.only.filter((name) => !FIGURES.some((figure) => figure.name === name));
  if (unknown.length > 0) {
    const known = FIGURES.map((figure) => figure.name).join(', ');
    throw new Error(`Unknown figure "${unknown.join('", "')}"; choose from: ${known}`);
  }

  return FIGURES.filter(
    (figure) => options.only.length === 0 || options.only.includes(figure.name),
  );
}

/** Describes a thrown value with its stack and the chain of causes (fetch hides its reason there). */
function describeCrash(error: unknown): string {
  if (!(error instanceof Error)) return String(error);

  const cause = error.cause === undefined ? '' : `; cause: ${describeCrash(error.cause)}`;
  return `${error.message}${cause}\n${error.stack ?? ''}`;
}

function createContext(quick: boolean): FigureContext {
  return {
    quick,
    iterations: (full, quickCount) => (quick ? quickCount : full),
    log: (message) => process.stderr.write(`  ${message}\n`),
  };
}

async function runFigures(figures: Figure[], options: BenchOptions): Promise<BenchReport> {
  const startedAt = performance.now();
  const report: BenchReport = {
    command: `npm run bench${options.quick ? ' -- --quick' : ''}`,
    quick: options.quick,
    machine: describeMachine(),
    durationSeconds: 0,
    rows: [],
    crashes: [],
  };

  for (const figure of figures) {
    if (options.quick && !figure.inQuick) {
      process.stderr.write(`- ${figure.name}: skipped in --quick (run npm run bench for it)\n`);
      continue;
    }

    process.stderr.write(`- ${figure.name}: ${figure.title}\n`);
    collectGarbage();
    const figureStartedAt = performance.now();
    try {
      report.rows.push(...(await figure.run(createContext(options.quick))));
      const seconds = (performance.now() - figureStartedAt) / 1000;
      process.stderr.write(`  done in ${seconds.toFixed(1)} s\n`);
    } catch (error) {
      const message = describeCrash(error);
      process.stderr.write(`  crashed: ${message}\n`);
      report.crashes.push({ figure: figure.name, error: message.split('\n')[0]! });
    }
  }

  await closeSharedDatabases();
  report.durationSeconds = (performance.now() - startedAt) / 1000;
  return report;
}

/** Parses the command line and picks the figures; prints the problem and exits 2 on bad usage. */
function readCommandLine(): { options: BenchOptions; figures: Figure[] } {
  try {
    const options = parseBenchOptions(process.argv.slice(2));
    return { options, figures: options.help ? [] : selectFigures(options) };
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const { options, figures } = readCommandLine();
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }

  const report = await runFigures(figures, options);
  const suffix = options.quick ? '.quick' : '';
  const partial = options.only.length > 0 && !options.quick ? '.partial' : '';

  writeJsonReport(path.join(BENCH_DIR, `results${suffix}${partial}.json`), report);
  await writeMarkdownReport(path.join(BENCH_DIR, `RESULTS${suffix}${partial}.md`), report);
  process.stderr.write(`Results written to bench/results${suffix}${partial}.json\n`);

  process.exitCode = report.crashes.length > 0 ? 1 : 0;
}

await main();
process.exit();
