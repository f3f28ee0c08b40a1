/** Command-line options of `npm run bench`. */

import { parseArgs } from 'node:util';

export interface BenchOptions {
  quick: boolean;
  /** Figure names to run; empty runs every figure. */
  only: string[];
  help: boolean;
}

export const USAGE = `Usage: npm run bench -- [--quick] [--only NAME[,NAME...]]

  --quick        a subset with fewer iterations, in under a minute; writes bench/results.quick.json
  --only NAME    run only the named figures (repeatable or comma-separated);
                 writes bench/results.partial.json
  --help         print this text`;

export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });

  const only = values.only.flatMap((entry) => entry.split(',')).map((name) => name.trim());

  return { quick: values.quick, only: only.filter((name) => name !== ''), help: values.help };
}
