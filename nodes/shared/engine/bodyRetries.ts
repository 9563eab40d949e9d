import { bodyErrorOf } from '../transport/responseBody';

/**
 * Retries of an answer whose body broke after its headers arrived (a binary download that stalled
 * past the Timeout, or was cut off mid-stream). The SDK retries only until the headers arrive; a
 * body is read afterwards, by the operation, so the item's work is run again here, up to the Max
 * Retries option, backing off like the SDK (0.5 s doubling, at most 8 s). Stop ends the wait.
 */
export async function withBodyRetries<T>(maxRetries: number, signal: AbortSignal, run: () => Promise<T>): Promise<T> {
	for (let attempt = 0; ; attempt++) {
		try {
			return await run();
		} catch (error) {
			// the engine turns what is finally thrown into the NodeApiError the user sees (toNodeError)
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
			if (attempt >= maxRetries || signal.aborted || !isBrokenBody(error)) throw error;
			await sleep(Math.min(8_000, 500 * 2 ** attempt), signal);
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
			if (signal.aborted) throw error;
		}
	}
}

export function isBrokenBody(error: unknown): boolean {
	return bodyErrorOf(error) !== undefined;
}

/** Waits `ms`, or less when `signal` aborts (the package's timers are abort signals: no raw setTimeout). */
async function sleep(ms: number, signal: AbortSignal): Promise<void> {
	const wake = AbortSignal.any([AbortSignal.timeout(ms), signal]);
	if (wake.aborted) return;
	await new Promise<void>((resolve) => wake.addEventListener('abort', () => resolve(), { once: true }));
}
