import { waitFor } from '../../nodes/shared/engine/wait';

/** Timers keeping the process alive right now. */
const timers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;

describe('waitFor', () => {
	it('an abort ends the wait at once and leaves no timer behind (Jest would wait for it)', async () => {
		const before = timers();
		const controller = new AbortController();
		const waiting = waitFor(60_000, controller.signal);
		controller.abort(new Error('stop'));
		await expect(waiting).rejects.toThrow('stop');
		// at most one short slice is left behind, and it ends within 250 ms
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(timers()).toBeLessThanOrEqual(before);
	});

	it('keeps the process alive while it waits (n8n execute must not end mid-wait)', async () => {
		const before = timers();
		const controller = new AbortController();
		const waiting = waitFor(1_000, controller.signal);
		expect(timers()).toBeGreaterThan(before);
		controller.abort(new Error('stop'));
		await expect(waiting).rejects.toThrow('stop');
	});

	it('waits the time when nothing aborts it, and drops its abort listener', async () => {
		const controller = new AbortController();
		const started = Date.now();
		await waitFor(30, controller.signal);
		expect(Date.now() - started).toBeGreaterThanOrEqual(25);
		controller.abort(new Error('late')); // nothing listens any more: no unhandled rejection
	});
});
