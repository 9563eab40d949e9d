import type { AreaContext, FakeRequest } from '../../area';
import { ApiError } from '../../errors';
import { perServer } from '../media/serverState';
import type { JsonObject } from './fields';
import { badRequest } from './requestErrors';
import type { Turn } from './responseInput';

/**
 * The stored responses of one fake server, shared by the Responses routes (create, get, delete,
 * cancel, input items) and the context routes (input token counts, compaction), per project.
 *
 * A background response (`background: true`) is answered in full when it is created, but shows
 * `queued`, then `in_progress`, then its final status as its age on the fake clock passes the
 * phases of `backgroundSettings` (times `speed`): with the clock on real time a test sets `speed`
 * so the lifecycle takes a fraction of a second; with a frozen clock `fake.clock.advance()` moves it.
 */
export interface StoredResponse {
	projectId: string | null;
	/** the finished response */
	body: JsonObject;
	inputItems: JsonObject[];
	/** the conversation up to and including this response's output (what a continuation is billed for) */
	turns: Turn[];
	background?: { createdAt: number; cancelledAtAge?: number };
}

export interface BackgroundSettings {
	/** simulated seconds per second of a response's age (default 1) */
	speed: number;
	queuedSeconds: number;
	inProgressSeconds: number;
}

export const DEFAULT_BACKGROUND: BackgroundSettings = { speed: 1, queuedSeconds: 1, inProgressSeconds: 2 };

/** The background lifecycle knobs of one fake server (reset with the server). */
export function backgroundSettings(anchor: Pick<AreaContext, 'clock'>): BackgroundSettings {
	return perServer(anchor, 'backgroundSettings', () => ({ ...DEFAULT_BACKGROUND }));
}

export interface ResponseStore {
	readonly responses: Map<string, StoredResponse>;
	/** the response of this project, or the live API's 404 */
	find(id: string, request: Pick<FakeRequest, 'key'>): StoredResponse;
	/** the response as it looks now (a background response by its age) */
	view(entry: StoredResponse): JsonObject;
	/** the status it has now */
	statusOf(entry: StoredResponse): string;
	/** stops a background response that is still queued or in progress (again: no change) */
	cancel(entry: StoredResponse): JsonObject;
	reset(): void;
}

export function responseStore(context: Pick<AreaContext, 'clock'>): ResponseStore {
	return perServer(context, 'responseStore', () => createStore(context));
}

function createStore({ clock }: Pick<AreaContext, 'clock'>): ResponseStore {
	const responses = new Map<string, StoredResponse>();
	const settings = backgroundSettings({ clock });
	const ageOf = (createdAt: number) => Math.max(0, clock.now() - createdAt) * settings.speed;
	const phaseOf = (entry: StoredResponse): 'queued' | 'in_progress' | 'cancelled' | 'done' => {
		const { background } = entry;
		if (!background) return 'done';
		if (background.cancelledAtAge !== undefined) return 'cancelled';
		const age = ageOf(background.createdAt);
		if (age < settings.queuedSeconds * 1000) return 'queued';
		if (age < (settings.queuedSeconds + settings.inProgressSeconds) * 1000) return 'in_progress';
		return 'done';
	};
	const store: ResponseStore = {
		responses,
		find(id, request) {
			const entry = responses.get(id);
			if (!entry || entry.projectId !== request.key.projectId) {
				throw new ApiError(404, 'invalid_request_error', `Response with id '${id}' not found.`, null, null);
			}
			return entry;
		},
		view(entry) {
			const phase = phaseOf(entry);
			if (phase === 'done') {
				if (!entry.background) return entry.body;
				const finished = (settings.queuedSeconds + settings.inProgressSeconds) * 1000;
				const completedAt = Math.floor((entry.background.createdAt + finished / settings.speed) / 1000);
				return { ...entry.body, completed_at: entry.body.status === 'completed' ? completedAt : null };
			}
			const { usage: _usage, ...rest } = entry.body;
			return { ...rest, status: phase, output: [], completed_at: null, error: null, incomplete_details: null };
		},
		statusOf(entry) {
			const phase = phaseOf(entry);
			return phase === 'done' ? String(entry.body.status) : phase;
		},
		cancel(entry) {
			const { background } = entry;
			if (!background) throw badRequest('Cannot cancel a synchronous response.', null);
			const phase = phaseOf(entry);
			if (phase === 'done') throw badRequest(`Cannot cancel a response with status '${String(entry.body.status)}'.`, null);
			if (phase !== 'cancelled') background.cancelledAtAge = ageOf(background.createdAt);
			return store.view(entry);
		},
		reset() {
			responses.clear();
			Object.assign(settings, DEFAULT_BACKGROUND);
		},
	};
	return store;
}
