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
		expect(timers()).toBe(before);
	});

	it('waits the time when nothing aborts it, and drops its abort listener', async () => {
		const controller = new AbortController();
		const started = Date.now();
		await waitFor(30, controller.signal);
		expect(Date.now() - started).toBeGreaterThanOrEqual(25);
		controller.abort(new Error('late')); // nothing listens any more: no unhandled rejection
	});
});
