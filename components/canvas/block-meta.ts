import type { BlockConfig, BlockType } from '@/engine/types';

export interface BlockMeta {
  label: string;
  /** One line for the palette. */
  description: string;
  /** Accent colour of the block's icon and palette entry. */
  color: string;
  /** Config of a new block; `outputKey` is filled in from the block id. */
  defaultConfig: (id: string) => BlockConfig;
}

export const BLOCK_META: Record<BlockType, BlockMeta> = {
  input: {
    label: 'Input',
    description: 'Declares the run input',
    color: '#64748b',
    defaultConfig: () => ({}),
  },
  query: {
    label: 'Query',
    description: 'Reads rows of a data table',
    color: '#2563eb',
    defaultConfig: (id) => ({ table: '', filters: [], limit: 100, outputKey: id }),
  },
  write: {
    label: 'Write',
    description: 'Inserts, updates or deletes a row',
    color: '#d97706',
    defaultConfig: (id) => ({ table: '', operation: 'insert', values: {}, outputKey: id }),
  },
  js: {
    label: 'JavaScript',
    description: 'Runs code in the sandbox',
    color: '#ca8a04',
    defaultConfig: (id) => ({ code: 'return vars;', outputKey: id }),
  },
  http: {
    label: 'HTTP',
    description: 'Sends an HTTP request',
    color: '#7c3aed',
    defaultConfig: (id) => ({ method: 'GET', url: '', outputKey: id }),
  },
  branch: {
    label: 'Branch',
    description: 'Takes the true or the false edges',
    color: '#db2777',
    defaultConfig: () => ({ condition: 'true' }),
  },
  loop: {
    label: 'Loop',
    description: 'Runs its body once per item',
    color: '#0d9488',
    defaultConfig: () => ({ items: '[]', as: 'item' }),
  },
  output: {
    label: 'Output',
    description: "Names the run's result",
    color: '#16a34a',
    defaultConfig: () => ({ value: 'vars' }),
  },
};

const SUMMARY_LENGTH = 48;

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > SUMMARY_LENGTH ? `${oneLine.slice(0, SUMMARY_LENGTH - 1)}…` : oneLine;
}

function querySummary(config: BlockConfig<'query'>): string {
  if (!config.table) return 'no table';
  const filters = config.filters?.length ?? 0;
  const parts = [config.table];
  if (filters > 0) parts.push(`${filters} filter${filters === 1 ? '' : 's'}`);
  if (config.single) parts.push('single');
  else if (config.limit !== undefined) parts.push(`limit ${config.limit}`);
  return parts.join(' · ');
}

/** A short, one-line description of what a block is configured to do. */
export function summarizeConfig(type: BlockType, config: BlockConfig): string {
  switch (type) {
    case 'input':
      return (config as BlockConfig<'input'>).schema ? 'with schema' : 'any input';
    case 'query':
      return querySummary(config as BlockConfig<'query'>);
    case 'write': {
      const write = config as BlockConfig<'write'>;
      return write.table ? `${write.operation} ${write.table}` : `${write.operation} · no table`;
    }
    case 'js':
      return shorten((config as BlockConfig<'js'>).code ?? '') || 'empty';
    case 'http': {
      const http = config as BlockConfig<'http'>;
      return shorten(`${http.method} ${http.url || 'no url'}`);
    }
    case 'branch':
      return shorten((config as BlockConfig<'branch'>).condition || 'no condition');
    case 'loop': {
      const loop = config as BlockConfig<'loop'>;
      return shorten(`${loop.as || 'item'} of ${loop.items || '?'}`);
    }
    case 'output':
      return shorten((config as BlockConfig<'output'>).value || 'no value');
  }
}

/** The output key a block writes its result under, when it has one. */
export function outputKeyOf(config: BlockConfig): string | undefined {
  const key = (config as { outputKey?: unknown }).outputKey;
  return typeof key === 'string' && key !== '' ? key : undefined;
}
