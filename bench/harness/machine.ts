import os from 'node:os';

import type { MachineInfo } from './types';

export function describeMachine(): MachineInfo {
  const cpus = os.cpus();

  return {
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    totalMemoryGb: Math.round(os.totalmem() / 2 ** 30),
    loadAverageAtStart: os.loadavg().map((load) => Math.round(load * 100) / 100),
    date: new Date().toISOString(),
  };
}
