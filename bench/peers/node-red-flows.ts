/** The Node-RED flows of the peer figure: one tab per chain length. */

export interface ChainFlow {
  length: number;
  /** Id of the first function node, where a message is injected. */
  firstNodeId: string;
}

interface FlowNode {
  id: string;
  type: string;
  z?: string;
  label?: string;
  name?: string;
  func?: string;
  outputs?: number;
  /** Node-RED treats a node without a position as a config node, so chain nodes need one. */
  x?: number;
  y?: number;
  wires?: string[][];
}

/** Body of every chain node, as in the Flowscope chain's blocks. */
export const CHAIN_FUNCTION = 'msg.payload = msg.payload + 1; return msg;';

/** Body of the sink: hands the message to the callback set in `functionGlobalContext`. */
export const SINK_FUNCTION = "global.get('arrive')(msg); return null;";

function functionNode(
  id: string,
  tab: string,
  func: string,
  position: number,
  next: string | undefined,
): FlowNode {
  const wires = next ? [[next]] : [[]];
  return {
    id,
    type: 'function',
    z: tab,
    name: id,
    func,
    outputs: 1,
    x: 100 + position * 20,
    y: 100,
    wires,
  };
}

/** Builds a flow file with a chain of `length` function nodes ending in the sink, per length. */
export function buildChainFlows(lengths: number[]): { flows: FlowNode[]; chains: ChainFlow[] } {
  const flows: FlowNode[] = [];
  const chains: ChainFlow[] = [];

  for (const length of lengths) {
    const tab = `chain-${length}`;
    const sink = `${tab}-sink`;
    flows.push({ id: tab, type: 'tab', label: `chain of ${length}` });

    for (let index = 0; index < length; index++) {
      const next = index + 1 < length ? `${tab}-node-${index + 1}` : sink;
      flows.push(functionNode(`${tab}-node-${index}`, tab, CHAIN_FUNCTION, index, next));
    }
    flows.push(functionNode(sink, tab, SINK_FUNCTION, length, undefined));

    chains.push({ length, firstNodeId: `${tab}-node-0` });
  }

  return { flows, chains };
}
