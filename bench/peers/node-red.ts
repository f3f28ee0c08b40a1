/**
 * Node-RED embedded in the benchmark process: the runtime only, on a loopback HTTP server with
 * the editor, the admin API and the HTTP nodes off, telemetry off and logging silent.
 */

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';

import { buildChainFlows, type ChainFlow } from './node-red-flows';
import { ensureNodeRedInstalled } from './node-red-install';

interface NodeRedMessage {
  payload: number;
}

/** The part of Node-RED's embedding API (`require('node-red')`) the peer uses. */
interface NodeRedRuntime {
  init(server: Server, settings: Record<string, unknown>): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  events: { once(event: string, listener: () => void): void };
  nodes: { getNode(id: string): { receive(message: NodeRedMessage): void } | null };
}

export interface NodeRedPeer {
  /** Sends `{ payload: 0 }` into the chain of `length` nodes; resolves with the arriving payload. */
  send(length: number): Promise<number>;
  stop(): Promise<void>;
}

function listenOnLoopback(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
}

function buildSettings(userDir: string, arrive: (message: NodeRedMessage) => void) {
  return {
    userDir,
    flowFile: 'flows.json',
    httpAdminRoot: false,
    httpNodeRoot: false,
    credentialSecret: false,
    functionGlobalContext: { arrive },
    functionExternalModules: false,
    logging: { console: { level: 'off', metrics: false, audit: false } },
    telemetry: { enabled: false, updateNotification: false },
    diagnostics: { enabled: false, ui: false },
    runtimeState: { enabled: false, ui: false },
    externalModules: {
      autoInstall: false,
      palette: { allowInstall: false },
      modules: { allowInstall: false },
    },
  };
}

/** Installs Node-RED if needed, deploys one chain per length and starts the runtime. */
export async function startNodeRed(
  lengths: number[],
  log: (message: string) => void,
): Promise<NodeRedPeer> {
  const cacheDir = ensureNodeRedInstalled(log);
  const userDir = path.join(cacheDir, 'user');
  rmSync(userDir, { recursive: true, force: true });
  mkdirSync(userDir, { recursive: true });

  const { flows, chains } = buildChainFlows(lengths);
  writeFileSync(path.join(userDir, 'flows.json'), JSON.stringify(flows));

  let pending: ((payload: number) => void) | undefined;
  const arrive = (message: NodeRedMessage) => pending?.(message.payload);

  const red = createRequire(path.join(cacheDir, 'package.json'))('node-red') as NodeRedRuntime;
  const server = createServer();
  await listenOnLoopback(server);
  red.init(server, buildSettings(userDir, arrive));

  const flowsStarted = new Promise<void>((resolve) => red.events.once('flows:started', resolve));
  await red.start();
  await flowsStarted;

  return {
    send: (length) => {
      const chain = findChain(chains, length);
      const first = red.nodes.getNode(chain.firstNodeId);
      if (!first) throw new Error(`Node-RED node "${chain.firstNodeId}" is not deployed`);

      const arrival = new Promise<number>((resolve) => (pending = resolve));
      first.receive({ payload: 0 });
      return arrival;
    },
    stop: async () => {
      await red.stop();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function findChain(chains: ChainFlow[], length: number): ChainFlow {
  const chain = chains.find((candidate) => candidate.length === length);
  if (!chain) throw new Error(`No Node-RED chain of length ${length}; deployed: ${chains.length}`);

  return chain;
}
