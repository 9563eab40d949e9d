import { HOSTILE_ANSWERS } from './answers';
import { FAMILIES } from './families';
import { combinationsOf, defineMatrix } from './matrix';

/** The hostile-server matrix, every answer but the 50 MB ones (matrix50mb.test.ts), plus the input checks. See matrix.ts. */
defineMatrix({ part: 'main', answers: HOSTILE_ANSWERS.filter((answer) => !answer.heavy), lanes: 16, inputChecks: true });

describe('the matrix as a whole', () => {
	it('tries at least 150 combinations, and every family × answer is either tried or listed as not applicable', () => {
		const { combinations, notApplicable } = combinationsOf(HOSTILE_ANSWERS);
		expect(combinations.length).toBeGreaterThanOrEqual(150);
		expect(combinations.length + notApplicable.length).toBe(FAMILIES.length * HOSTILE_ANSWERS.length);
	});
});
