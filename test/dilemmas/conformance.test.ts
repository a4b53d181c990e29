/** The four dilemma games pass the generic conformance suite (noise, prob_end and cheap talk included). */
import { DILEMMA_GAMES } from '../../games/dilemmas/index.ts';
import { conformance } from '../support/conformance.ts';

for (const game of DILEMMA_GAMES) conformance(game);
