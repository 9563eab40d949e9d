/**
 * How long this process could not run — a busy machine starving it — so that a check of a pace can
 * leave that time out. A timer ticks every `tickMs`; a tick later than `tickMs + graceMs` counts the
 * whole delay past `tickMs` as stalled. Pacing that is merely slow leaves the process idle and on time,
 * so it is not excused.
 */
export function watchStalls(tickMs = 5, graceMs = 15) {
	const stalls: Array<{ from: number; to: number }> = [];
	let last = Date.now();
	const timer = setInterval(() => {
		const now = Date.now();
		if (now - last > tickMs + graceMs) stalls.push({ from: last + tickMs, to: now });
		last = now;
	}, tickMs);
	return {
		stop: () => clearInterval(timer),
		/** ms of [from, to] (Date.now() times) in which the process stalled. */
		stalledBetween: (from: number, to: number) =>
			stalls.reduce((sum, s) => sum + Math.max(0, Math.min(to, s.to) - Math.max(from, s.from)), 0),
	};
}
