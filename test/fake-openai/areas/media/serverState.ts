import type { AreaContext } from '../../area';

/**
 * State that several media areas share within one fake server (the file store that files and
 * batches both use), and that tests reach through the server (`inspectMedia(fake)`). Keyed by the
 * server's clock, which the server hands to every area and exposes as `fake.clock`.
 */
const states = new WeakMap<object, Map<string, unknown>>();

export function perServer<T>(anchor: Pick<AreaContext, 'clock'>, key: string, create: () => T): T {
	let state = states.get(anchor.clock);
	if (!state) {
		state = new Map();
		states.set(anchor.clock, state);
	}
	if (!state.has(key)) state.set(key, create());
	return state.get(key) as T;
}
