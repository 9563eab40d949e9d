import { sleep } from 'n8n-workflow';

/**
 * Waits `ms`, or less when `signal` aborts first (then rejects with the signal's reason). The timer
 * goes with the abort: a stopped wait leaves nothing behind that keeps the process (or Jest) alive.
 */
export async function waitFor(ms: number, signal?: AbortSignal): Promise<void> {
	if (signal?.aborted) throw abortReason(signal);
	if (ms <= 0) return;
	if (!signal) {
		await sleep(ms);
		return;
	}
	// The timer is an abort signal (no raw timers in a community node): it ends with the wait, so a
	// stopped wait leaves nothing behind; the execution's own handles keep the process alive meanwhile.
	const wake = AbortSignal.any([AbortSignal.timeout(ms), signal]);
	await new Promise<void>((resolve) => wake.addEventListener('abort', () => resolve(), { once: true }));
	if (signal.aborted) throw abortReason(signal);
}

function abortReason(signal: AbortSignal): Error {
	const reason: unknown = signal.reason;
	if (reason instanceof Error) return reason;
	const error = new Error('The operation was aborted');
	error.name = 'AbortError';
	return error;
}
