/** Every figure, in the order `npm run bench` runs them and RESULTS.md lists them. */

import type { Figure } from '../harness/types';
import { indexedFilterFigure } from './indexed-filter';
import { jsWarmFigure } from './js-warm';

export const FIGURES: Figure[] = [jsWarmFigure, indexedFilterFigure];
