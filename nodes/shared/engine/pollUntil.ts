import { waitFor } from './wait';

/**
 * Waiting for a job at OpenAI (a batch, a background response, a video): look, pause, look again,
 * each pause `backOff` times the one before up to `maxPauseMs`, all within `maxWaitMs` of wall time;
 * never sooner than a `retry-after` the last answer asked for. `signal` (Stop in n8n, the engine
 * stopping) ends the wait at once, with its reason.
 */
export interface PollSchedule {
	maxWaitMs: number;
	firstPauseMs: number;
	maxPauseMs: number;
	/** default 1.5 */
	backOff?: number;
}

export interface PollStep<T> {
	/** The job is over: stop looking. */
	done(current: T): boolean;
	/** Looks again; `retryAfterMs` when the answer asked for a longer pause. */
	next(current: T): Promise<{ value: T; retryAfterMs?: number }>;
}

/** The last value seen, and whether the job finished within the wait. */
export async function pollUntil<T>(first: T, schedule: PollSchedule, signal: AbortSignal, step: PollStep<T>): Promise<{ value: T; finished: boolean }> {
	const deadline = Date.now() + schedule.maxWaitMs;
	let pause = schedule.firstPauseMs;
	let asked = 0;
	let current = first;
	while (!step.done(current)) {
		const remaining = deadline - Date.now();
		if (remaining <= 0) return { value: current, finished: false };
		await waitFor(Math.min(Math.max(pause, asked), remaining), signal);
		const seen = await step.next(current);
		current = seen.value;
		asked = seen.retryAfterMs ?? 0;
		pause = nextPause(pause, schedule);
	}
	return { value: current, finished: true };
}

export function nextPause(pause: number, schedule: PollSchedule): number {
	return Math.min(pause * (schedule.backOff ?? 1.5), schedule.maxPauseMs);
}

/** The pauses a wait makes when no answer asks for more time (the last one cut to fit the wait). */
export function plannedPauses(schedule: PollSchedule): number[] {
	const pauses: number[] = [];
	let total = 0;
	for (let pause = schedule.firstPauseMs; total < schedule.maxWaitMs; pause = nextPause(pause, schedule)) {
		const next = Math.min(pause, schedule.maxWaitMs - total);
		pauses.push(next);
		total += next;
	}
	return pauses;
}

/** What a `retry-after-ms` or `retry-after` (seconds or an HTTP date) header asks for, in ms; 0 when none. */
export function retryAfterMs(headers: Headers): number {
	const ms = Number(headers.get('retry-after-ms'));
	if (Number.isFinite(ms) && ms > 0) return ms;
	const value = headers.get('retry-after');
	if (!value) return 0;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isFinite(date) ? Math.max(0, date - Date.now()) : 0;
}
