/** Every registered game passes the generic conformance suite. */
import { GAMES } from '../games/index.ts';
import { conformance } from './support/conformance.ts';

for (const game of GAMES) conformance(game);
