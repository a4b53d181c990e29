/** RoboSumo-lite passes the generic conformance suite (continuous, discrete, and a short-cap config). */
import { sumo } from '../../games/sumo/index.ts';
import { conformance } from '../support/conformance.ts';

conformance(sumo);
