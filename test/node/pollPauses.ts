import type { RequestLogEntry } from '../fake-openai/requestLog';

/**
 * Checks that a wait backed off: the pause between one answer and the next look grows 1.5× each time
 * (first, 1.5 × first, 2.25 × first …). Each pause is measured from the end of the previous answer, so a
 * slow machine only lengthens it (never a flaky failure), while a wait without back-off leaves the later
 * pauses well below their planned length.
 */
export function expectBackOff(polls: RequestLogEntry[], firstPauseMs: number): void {
	expect(polls.length).toBeGreaterThanOrEqual(3);
	const pauses = polls.slice(1).map((poll, i) => poll.startedAt - (polls[i].startedAt + (polls[i].durationMs ?? 0)));
	pauses.forEach((pause, i) => expect(pause).toBeGreaterThanOrEqual(firstPauseMs * 1.5 ** i - 5));
}
