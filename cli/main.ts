/** The `ludus` command line entry point (bin/ludus.js imports it); the commands are in cli/program.ts. */
import { buildProgram } from './program.ts';

await buildProgram().parseAsync(process.argv);
