import { HOSTILE_ANSWERS } from './answers';
import { defineMatrix } from './matrix';

/** The hostile-server matrix's 50 MB 200 answer (read whole), one at a time; a file of its own so jest runs it beside matrix.test.ts. See matrix.ts. */
defineMatrix({ part: '50mb', answers: HOSTILE_ANSWERS.filter((answer) => answer.heavy), lanes: 1 });
