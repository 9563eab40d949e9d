import type { AreaContext, AreaFactory, FakeRequest, RouteDefinition } from '../../area';
import { ApiError, integerBelowMin, invalidEnumValue, invalidType, invalidValue, missingParameter, unknownParameter } from '../../errors';
import { ADMIN_SCOPES } from '../../keys';
import { readQueryParams } from '../../params';
import { perServer } from '../media/serverState';
import { listPage } from './lists';
import type { SyntheticOrg } from './syntheticOrg';

/**
 * Spend alerts and hard spend limits of the organization and of each project, with state: alerts are
 * kept per scope in creation order, a limit per scope. Amounts are integers in cents, as in the spec.
 * Reads need api.management.read, writes api.management.write. Reading a limit that is not set is a
 * 404 (an assumption of the fake: the spec documents only the 200).
 */
const READ = { kind: 'admin', scope: ADMIN_SCOPES.managementRead } as const;
const WRITE = { kind: 'admin', scope: ADMIN_SCOPES.managementWrite } as const;

interface Channel {
	type: 'email';
	recipients: string[];
	subject_prefix?: string | null;
}
interface Alert {
	id: string;
	threshold_amount: number;
	notification_channel: Channel;
}
interface Limit {
	threshold_amount: number;
}

type Level = 'organization' | 'project';

function notFound(message: string): ApiError {
	return new ApiError(404, 'invalid_request_error', message, null, null);
}

function requireProject(org: SyntheticOrg, id: string): void {
	if (!org.projects.some((project) => project.id === id)) throw notFound(`No project found with ID '${id}'.`);
}

function objectBody(request: FakeRequest, allowed: readonly string[]): Record<string, unknown> {
	const body = request.body;
	if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalidType('body', 'an object', typeof body);
	const record = body as Record<string, unknown>;
	for (const key of Object.keys(record)) if (!allowed.includes(key)) throw unknownParameter(key);
	for (const key of ['threshold_amount', 'currency', 'interval']) if (record[key] === undefined) throw missingParameter(key);
	if (!Number.isInteger(record.threshold_amount)) throw invalidType('threshold_amount', 'an integer', typeof record.threshold_amount);
	if (record.currency !== 'USD') throw invalidEnumValue('currency', String(record.currency), ['USD']);
	if (record.interval !== 'month') throw invalidEnumValue('interval', String(record.interval), ['month']);
	return record;
}

function readChannel(value: unknown): Channel {
	if (value === undefined) throw missingParameter('notification_channel');
	if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidType('notification_channel', 'an object', typeof value);
	const channel = value as Record<string, unknown>;
	if (channel.type !== 'email') throw invalidEnumValue('notification_channel.type', String(channel.type), ['email']);
	const recipients = channel.recipients;
	if (!Array.isArray(recipients) || recipients.length === 0 || recipients.some((r) => typeof r !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(r))) {
		throw invalidValue('notification_channel.recipients', 'expected a non-empty list of email addresses.');
	}
	const prefix = channel.subject_prefix;
	if (prefix !== undefined && prefix !== null && typeof prefix !== 'string') throw invalidType('notification_channel.subject_prefix', 'a string', typeof prefix);
	return { type: 'email', recipients: [...(recipients as string[])], ...(prefix === undefined ? {} : { subject_prefix: prefix as string | null }) };
}

const scopeKey = (level: Level, projectId?: string) => (level === 'organization' ? 'org' : `project:${projectId}`);
const limitsOf = (anchor: Pick<AreaContext, 'clock'>) => perServer(anchor, 'spendLimits', () => new Map<string, Limit>());

/** The hard spend limit in cents of a project (or, without one, of the organization), or undefined when none is set. */
export function spendLimitOf(fake: Pick<AreaContext, 'clock'>, projectId?: string): number | undefined {
	return limitsOf(fake).get(projectId === undefined ? scopeKey('organization') : scopeKey('project', projectId))?.threshold_amount;
}

export const spendControlsArea: AreaFactory = (context) => {
	const { org, ids } = context;
	const alerts = new Map<string, Alert[]>();
	const limits = limitsOf(context);
	const alertJson = (level: Level, alert: Alert) => ({
		id: alert.id,
		object: `${level}.spend_alert`,
		threshold_amount: alert.threshold_amount,
		currency: 'USD',
		interval: 'month',
		notification_channel: alert.notification_channel,
	});
	const limitJson = (level: Level, limit: Limit) => ({
		object: `${level}.spend_limit`,
		threshold_amount: limit.threshold_amount,
		currency: 'USD',
		interval: 'month',
		enforcement: { status: 'inactive' },
	});
	const scopeOf = (level: Level, request: FakeRequest): string => {
		if (level === 'project') requireProject(org, request.params.project_id);
		return scopeKey(level, request.params.project_id);
	};
	const alertOf = (level: Level, request: FakeRequest): { list: Alert[]; index: number } => {
		const list = alerts.get(scopeOf(level, request)) ?? [];
		const index = list.findIndex((alert) => alert.id === request.params.alert_id);
		if (index === -1) throw notFound(`No spend alert found with ID '${request.params.alert_id}'.`);
		return { list, index };
	};
	const readAlert = (request: FakeRequest): Omit<Alert, 'id'> => {
		const body = objectBody(request, ['threshold_amount', 'currency', 'interval', 'notification_channel']);
		if ((body.threshold_amount as number) < 0) throw integerBelowMin('threshold_amount', 0, body.threshold_amount as number);
		return { threshold_amount: body.threshold_amount as number, notification_channel: readChannel(body.notification_channel) };
	};

	const routesFor = (level: Level, base: string): RouteDefinition[] => [
		{
			method: 'GET',
			path: `${base}/spend_alerts`,
			auth: READ,
			handle: (request) => {
				const params = readQueryParams(request.query, {
					limit: { type: 'integer', min: 0, max: 100, default: 20 },
					order: { type: 'string', enum: ['asc', 'desc'], default: 'asc' },
					after: { type: 'string' },
					before: { type: 'string' },
				});
				const list = [...(alerts.get(scopeOf(level, request)) ?? [])];
				if (params.order === 'desc') list.reverse();
				return { body: listPage(list.map((alert) => alertJson(level, alert)), params) };
			},
		},
		{
			method: 'POST',
			path: `${base}/spend_alerts`,
			auth: WRITE,
			handle: (request) => {
				const scope = scopeOf(level, request);
				const alert: Alert = { id: ids.next('alert_', 24, scope), ...readAlert(request) };
				alerts.set(scope, [...(alerts.get(scope) ?? []), alert]);
				return { body: alertJson(level, alert) };
			},
		},
		{
			method: 'GET',
			path: `${base}/spend_alerts/{alert_id}`,
			auth: READ,
			handle: (request) => {
				readQueryParams(request.query, {});
				const { list, index } = alertOf(level, request);
				return { body: alertJson(level, list[index]) };
			},
		},
		{
			method: 'POST',
			path: `${base}/spend_alerts/{alert_id}`,
			auth: WRITE,
			handle: (request) => {
				const { list, index } = alertOf(level, request);
				list[index] = { id: list[index].id, ...readAlert(request) };
				return { body: alertJson(level, list[index]) };
			},
		},
		{
			method: 'DELETE',
			path: `${base}/spend_alerts/{alert_id}`,
			auth: WRITE,
			handle: (request) => {
				const { list, index } = alertOf(level, request);
				const [removed] = list.splice(index, 1);
				return { body: { id: removed.id, object: `${level}.spend_alert.deleted`, deleted: true } };
			},
		},
		{
			method: 'GET',
			path: `${base}/spend_limit`,
			auth: READ,
			handle: (request) => {
				readQueryParams(request.query, {});
				const limit = limits.get(scopeOf(level, request));
				if (!limit) throw notFound(`No spend limit is set for this ${level}.`);
				return { body: limitJson(level, limit) };
			},
		},
		{
			method: 'POST',
			path: `${base}/spend_limit`,
			auth: WRITE,
			handle: (request) => {
				const scope = scopeOf(level, request);
				const body = objectBody(request, ['threshold_amount', 'currency', 'interval']);
				if ((body.threshold_amount as number) < 1) throw integerBelowMin('threshold_amount', 1, body.threshold_amount as number);
				const limit = { threshold_amount: body.threshold_amount as number };
				limits.set(scope, limit);
				return { body: limitJson(level, limit) };
			},
		},
		{
			method: 'DELETE',
			path: `${base}/spend_limit`,
			auth: WRITE,
			handle: (request) => {
				const scope = scopeOf(level, request);
				if (!limits.delete(scope)) throw notFound(`No spend limit is set for this ${level}.`);
				return { body: { object: `${level}.spend_limit.deleted`, deleted: true } };
			},
		},
	];

	return {
		name: 'admin-spend-controls',
		routes: [...routesFor('organization', '/v1/organization'), ...routesFor('project', '/v1/organization/projects/{project_id}')],
		reset() {
			alerts.clear();
			limits.clear();
		},
	};
};
