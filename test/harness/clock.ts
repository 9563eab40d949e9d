/** Runs `fn` with `Date.now` replaced (luxon's `DateTime.now()` reads `Date.now` too). */
export async function withClock<T>(
	now: (() => number) | undefined,
	fn: () => Promise<T>,
): Promise<T> {
	if (!now) return await fn();
	const realNow = Date.now;
	Date.now = now;
	try {
		return await fn();
	} finally {
		Date.now = realNow;
	}
}
