/** Every figure, in the order `npm run bench` runs them and RESULTS.md lists them. */

import type { Figure } from '../harness/types';
import { canvasFigure } from './canvas';
import { engineOverheadFigure } from './engine-overhead';
import { firstJsBlockFigure } from './first-js-block';
import { indexedFilterFigure } from './indexed-filter';
import { jsWarmFigure } from './js-warm';
import { manyJsBlocksFigure } from './many-js-blocks';
import { memoryFigure } from './memory';
import { nodeRedPeerFigure } from './node-red-peer';
import { queryCacheFigure } from './query-cache';
import { serverActionHttpFigure } from './server-action-http';

/** Memory runs first, so the other figures' allocations do not blur its baseline. */
export const FIGURES: Figure[] = [
  memoryFigure,
  engineOverheadFigure,
  jsWarmFigure,
  firstJsBlockFigure,
  manyJsBlocksFigure,
  queryCacheFigure,
  indexedFilterFigure,
  nodeRedPeerFigure,
  serverActionHttpFigure,
  canvasFigure,
];
