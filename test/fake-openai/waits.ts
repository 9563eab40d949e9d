import type { ServerResponse } from 'node:http';

/**
 * Abortable waits tied to a response: they end early (false) when the client goes away
 * or the server stops, so no timer or socket outlives its request.
 */
export class Waits {
	private readonly pending = new Set<() => void>();

	/** Resolves true after `ms`, or false if aborted first. `ms === null` waits until aborted. */
	wait(ms: number | null, res: ServerResponse): Promise<boolean> {
		if (res.destroyed) return Promise.resolve(false);
		return new Promise((resolve) => {
			let timer: NodeJS.Timeout | undefined;
			const finish = (completed: boolean): void => {
				if (timer) clearTimeout(timer);
				res.off('close', onClose);
				this.pending.delete(onClose);
				resolve(completed);
			};
			const onClose = (): void => finish(false);
			if (ms !== null) timer = setTimeout(() => finish(true), ms);
			res.once('close', onClose);
			this.pending.add(onClose);
		});
	}

	get size(): number {
		return this.pending.size;
	}

	cancelAll(): void {
		for (const cancel of [...this.pending]) cancel();
	}
}
