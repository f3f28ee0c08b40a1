/**
 * Writes the results: the JSON file, and the generated part of the Markdown page. The page keeps
 * everything outside its generated section, so written analysis survives a new run.
 */

import { existsSync, readFileSync, writeFileSync } from 'node:fs';

import * as prettier from 'prettier';

import { formatRatio, formatValue } from './format';
import type { BenchReport, Measurement, ResultRow } from './types';

export const GENERATED_START = '<!-- bench:results:start -->';
export const GENERATED_END = '<!-- bench:results:end -->';

export function writeJsonReport(file: string, report: BenchReport): void {
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}

/**
 * Replaces the generated section of `file`, or creates the file with only that section, and
 * formats the page with the repository's Prettier settings so `prettier --check` passes.
 */
export async function writeMarkdownReport(file: string, report: BenchReport): Promise<void> {
  const generated = `${GENERATED_START}\n${renderResults(report)}${GENERATED_END}`;
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const start = existing.indexOf(GENERATED_START);
  const end = existing.indexOf(GENERATED_END);

  const hasSection = start !== -1 && end > start;
  const content = hasSection
    ? existing.slice(0, start) + generated + existing.slice(end + GENERATED_END.length)
    : `${generated}\n`;

  const options = await prettier.resolveConfig(file);
  writeFileSync(file, await prettier.format(content, { ...options, parser: 'markdown' }));
}

export function renderResults(report: BenchReport): string {
  const { machine } = report;
  const lines = [
    `Measured by \`${report.command}\` on ${machine.date.slice(0, 10)}: Node ${machine.node}` +
      ` (V8 ${machine.v8}), ${machine.cpuModel}, ${machine.cores} cores,` +
      ` ${machine.totalMemoryGb} GB memory, ${machine.platform};` +
      ` load average at start ${machine.loadAverageAtStart.join(' / ')};` +
      ` ${Math.round(report.durationSeconds)} s in all.`,
    '',
    '| figure | measured | median | p99 | min | max | iterations (warm-up) | ratio | target | result |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...report.rows.flatMap(renderRow),
    '',
    ...renderNotes(report.rows),
    ...renderCrashes(report),
  ];

  return `${lines.join('\n')}\n`;
}

function renderRow(row: ResultRow): string[] {
  if (!row.subject) {
    return [
      `| ${row.label} | not measured yet: ${row.reason ?? ''} | | | | | | | ${row.target} | — |`,
    ];
  }

  const ratio = row.reference ? formatRatio(row.ratio) : '—';
  const lines = [
    `| ${row.label} | ${renderMeasurement(row.subject)} | ${ratio} | ${row.target} | ${row.verdict} |`,
  ];
  if (row.reference) {
    lines.push(`| | reference: ${renderMeasurement(row.reference)} | | | |`);
  }

  return lines;
}

function renderMeasurement({ label, unit, summary }: Measurement): string {
  return [
    label,
    formatValue(summary.medianMs, unit),
    formatValue(summary.p99Ms, unit),
    formatValue(summary.minMs, unit),
    formatValue(summary.maxMs, unit),
    `${summary.iterations} (${summary.warmupIterations})`,
  ].join(' | ');
}

function renderNotes(rows: ResultRow[]): string[] {
  const notes = rows.flatMap((row) => (row.notes ?? []).map((note) => `- ${row.label}: ${note}`));
  return notes.length > 0 ? ['Notes from the run:', '', ...notes, ''] : [];
}

function renderCrashes(report: BenchReport): string[] {
  if (report.crashes.length === 0) return [];

  return [
    'Figures that crashed:',
    '',
    ...report.crashes.map((crash) => `- ${crash.figure}: ${crash.error}`),
    '',
  ];
}
