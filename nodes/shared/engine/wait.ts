import { sleep } from 'n8n-workflow';

/** A stopped wait leaves a timer of at most this long behind. */
const SLICE_MS = 250;

/**
 * Waits `ms`, or less when `signal` aborts first (then rejects with the signal's reason). The wait is
 * made of short slices of n8n's `sleep` (a community node has no timer it could cancel): while it
 * waits it keeps the process alive (`n8n execute` must not end mid-wait), and once stopped it
 * leaves at most one slice behind (Jest, a stopped execution).
 */
export async function waitFor(ms: number, signal?: AbortSignal): Promise<void> {
	if (signal?.aborted) throw abortReason(signal);
	if (ms <= 0) return;
	if (!signal) {
		await sleep(ms);
		return;
	}
	let onAbort: () => void = () => {};
	const aborted = new Promise<void>((resolve) => {
		onAbort = () => resolve();
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		const deadline = Date.now() + ms;
		for (let left = ms; left > 0 && !signal.aborted; left = deadline - Date.now()) {
			await Promise.race([sleep(Math.min(left, SLICE_MS)), aborted]);
		}
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
	if (signal.aborted) throw abortReason(signal);
}

function abortReason(signal: AbortSignal): Error {
	const reason: unknown = signal.reason;
	if (reason instanceof Error) return reason;
	const error = new Error('The operation was aborted');
	error.name = 'AbortError';
	return error;
}
