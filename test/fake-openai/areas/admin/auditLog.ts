import { base62Digest, hash32 } from '../../deterministic';

/**
 * Deterministic audit log of the fake organization: up to three events per UTC day since
 * `AUDIT_LOG_START`, never in the future of the fake clock. Listed newest first, like the real API.
 */
export const AUDIT_LOG_START = Date.UTC(2025, 0, 1) / 1000;
const DAY = 86_400;

export interface AuditActorUser {
	id: string;
	email: string;
}

export interface AuditEvent {
	id: string;
	type: string;
	effective_at: number;
	project: { id: string; name: string };
	actor:
		| { type: 'session'; session: { user: AuditActorUser; ip_address: string } }
		| { type: 'api_key'; api_key: { id: string; type: 'user'; user: AuditActorUser } };
	[payload: string]: unknown;
}

export interface AuditContext {
	projects: ReadonlyArray<{ id: string; name: string }>;
	users: ReadonlyArray<{ id: string; email: string }>;
	apiKeys: ReadonlyArray<{ id: string; projectId: string }>;
	adminKeyIds: readonly string[];
}

const EVENT_TYPES = [
	'login.succeeded',
	'login.succeeded',
	'login.failed',
	'api_key.created',
	'api_key.updated',
	'api_key.deleted',
	'project.updated',
	'user.added',
	'user.updated',
	'rate_limit.updated',
	'logout.succeeded',
] as const;

function payloadOf(type: string, seed: string, day: number, index: number, ctx: AuditContext, projectId: string): Record<string, unknown> {
	const key = ctx.apiKeys[hash32(seed, 'audit-key', day, index) % ctx.apiKeys.length];
	const user = ctx.users[hash32(seed, 'audit-target', day, index) % ctx.users.length];
	switch (type) {
		case 'login.failed':
			return { [type]: { error_code: 'invalid_password', error_message: 'Wrong email or password.' } };
		case 'api_key.created':
			return { [type]: { id: key.id, data: { scopes: ['api.model.request'] } } };
		case 'api_key.updated':
			return { [type]: { id: key.id, changes_requested: { scopes: ['api.model.read', 'api.model.request'] } } };
		case 'api_key.deleted':
			return { [type]: { id: key.id } };
		case 'project.updated':
			return { [type]: { id: projectId, changes_requested: { title: 'Renamed project' } } };
		case 'user.added':
			return { [type]: { id: user.id, data: { role: 'reader' } } };
		case 'user.updated':
			return { [type]: { id: user.id, changes_requested: { role: 'owner' } } };
		case 'rate_limit.updated':
			return { [type]: { id: 'rl-gpt-4o', changes_requested: { max_requests_per_1_minute: 500 } } };
		default:
			return { [type]: {} };
	}
}

function eventsOfDay(seed: string, day: number, ctx: AuditContext): AuditEvent[] {
	const count = hash32(seed, 'audit-count', day) % 4;
	const events: AuditEvent[] = [];
	for (let index = 0; index < count; index++) {
		const type = EVENT_TYPES[hash32(seed, 'audit-type', day, index) % EVENT_TYPES.length];
		const project = ctx.projects[hash32(seed, 'audit-project', day, index) % ctx.projects.length];
		const user = ctx.users[hash32(seed, 'audit-actor', day, index) % ctx.users.length];
		const viaKey = type !== 'login.succeeded' && type !== 'login.failed' && type !== 'logout.succeeded' && hash32(seed, 'audit-via', day, index) % 3 === 0;
		const actor: AuditEvent['actor'] = viaKey
			? { type: 'api_key', api_key: { id: ctx.adminKeyIds[index % ctx.adminKeyIds.length], type: 'user', user: { id: user.id, email: user.email } } }
			: {
					type: 'session',
					session: { user: { id: user.id, email: user.email }, ip_address: `203.0.113.${hash32(seed, 'ip', day, index) % 250}` },
				};
		events.push({
			id: `audit_log-${base62Digest(20, seed, 'audit', day, index)}`,
			type,
			effective_at: day * DAY + (hash32(seed, 'audit-time', day, index) % DAY),
			project: { id: project.id, name: project.name },
			actor,
			...payloadOf(type, seed, day, index, ctx, project.id),
		});
	}
	return events;
}

/** Every event up to `now`, newest first (`days` caches the events per day). */
export function auditEvents(seed: string, ctx: AuditContext, now: number, days = new Map<number, AuditEvent[]>()): AuditEvent[] {
	const events: AuditEvent[] = [];
	for (let day = Math.floor(AUDIT_LOG_START / DAY); day * DAY <= now; day++) {
		let ofDay = days.get(day);
		if (!ofDay) {
			ofDay = eventsOfDay(seed, day, ctx);
			days.set(day, ofDay);
		}
		for (const event of ofDay) if (event.effective_at <= now) events.push(event);
	}
	return events.sort((a, b) => b.effective_at - a.effective_at || (a.id < b.id ? 1 : -1));
}

/** The IDs an event was done by (user, API key) and done to (its payload's id). */
export function actorIds(event: AuditEvent): string[] {
	return event.actor.type === 'session' ? [event.actor.session.user.id] : [event.actor.api_key.id, event.actor.api_key.user.id];
}

export function actorEmail(event: AuditEvent): string {
	return event.actor.type === 'session' ? event.actor.session.user.email : event.actor.api_key.user.email;
}

export function resourceId(event: AuditEvent): string | undefined {
	const payload = event[event.type] as { id?: unknown } | undefined;
	return typeof payload?.id === 'string' ? payload.id : undefined;
}
