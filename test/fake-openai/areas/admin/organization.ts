import type { AreaFactory, FakeRequest, JsonResponse, RouteDefinition } from '../../area';
import { hash32 } from '../../deterministic';
import { ApiError } from '../../errors';
import { ADMIN_SCOPES } from '../../keys';
import { readQueryParams, type ParamSpec } from '../../params';
import { actorEmail, actorIds, resourceId, type AuditEvent } from './auditLog';
import { adminKeyJson } from './adminKeys';
import { listPage } from './lists';
import type { SyntheticApiKey, SyntheticOrg, SyntheticProject, SyntheticUser } from './syntheticOrg';

/**
 * The organization's admin lists: projects, users, project API keys, admin API keys, project rate
 * limits and the audit log, with their cursor pagination and filters. They need the admin key's
 * api.management.read scope.
 */
const AUTH = { kind: 'admin', scope: ADMIN_SCOPES.managementRead } as const;
const DAY = 86_400;

const LIST_PARAMS = {
	limit: { type: 'integer', min: 1, max: 100, default: 20 },
	after: { type: 'string' },
} as const satisfies Record<string, ParamSpec>;

function notFound(what: string, id: string): ApiError {
	return new ApiError(404, 'invalid_request_error', `No ${what} found with ID '${id}'.`, null, null);
}

function projectOf(org: SyntheticOrg, id: string): SyntheticProject {
	const project = org.projects.find((candidate) => candidate.id === id);
	if (!project) throw notFound('project', id);
	return project;
}

function projectJson(project: SyntheticProject) {
	return {
		id: project.id,
		object: 'organization.project',
		name: project.name,
		created_at: project.createdAt,
		archived_at: project.archivedAt,
		status: project.archivedAt === null ? 'active' : 'archived',
	};
}

function userJson(user: SyntheticUser) {
	return { object: 'organization.user', id: user.id, name: user.name, email: user.email, role: user.role, added_at: user.addedAt };
}

function apiKeyJson(org: SyntheticOrg, key: SyntheticApiKey, now: number) {
	const user = org.users.find((candidate) => candidate.id === key.ownerUserId);
	const account = org.serviceAccounts.find((candidate) => candidate.id === key.ownerServiceAccountId);
	const owner = user
		? { type: 'user', user: { id: user.id, email: user.email, name: user.name, created_at: user.addedAt, role: 'owner' } }
		: { type: 'service_account', service_account: { id: account?.id ?? '', name: account?.name ?? '', created_at: account?.createdAt ?? key.createdAt, role: 'member' } };
	const today = Math.floor(now / DAY) * DAY;
	return {
		object: 'organization.project.api_key',
		redacted_value: key.redactedValue,
		name: key.name,
		created_at: key.createdAt,
		last_used_at: Math.max(key.createdAt, today - (hash32('last-used', key.id) % 5) * DAY),
		id: key.id,
		owner_project_access: key.ownerProjectAccess,
		owner,
	};
}

export const organizationArea: AreaFactory = ({ clock, org }) => {
	const now = () => clock.nowSeconds();
	const routes: RouteDefinition[] = [
		{
			method: 'GET',
			path: '/v1/organization/projects',
			auth: AUTH,
			handle: ({ query }) => {
				const params = readQueryParams(query, { ...LIST_PARAMS, include_archived: { type: 'boolean', default: false } });
				const projects = org.projects.filter((project) => params.include_archived || project.archivedAt === null);
				return { body: listPage(projects.map(projectJson), params) };
			},
		},
		{
			method: 'GET',
			path: '/v1/organization/projects/{project_id}',
			auth: AUTH,
			handle: ({ query, params }) => {
				readQueryParams(query, {});
				return { body: projectJson(projectOf(org, params.project_id)) };
			},
		},
		{
			method: 'GET',
			path: '/v1/organization/projects/{project_id}/api_keys',
			auth: AUTH,
			handle: ({ query, params }) => {
				const project = projectOf(org, params.project_id);
				const options = readQueryParams(query, {
					...LIST_PARAMS,
					owner_project_access: { type: 'string', enum: ['active', 'inactive', 'any'] },
				});
				const access = options.owner_project_access ?? 'active';
				const keys = org.apiKeys.filter(
					(key) => key.projectId === project.id && (access === 'any' || key.ownerProjectAccess === access),
				);
				return { body: listPage(keys.map((key) => apiKeyJson(org, key, now())), options) };
			},
		},
		{
			method: 'GET',
			path: '/v1/organization/projects/{project_id}/rate_limits',
			auth: AUTH,
			handle: ({ query, params }) => {
				const project = projectOf(org, params.project_id);
				const options = readQueryParams(query, {
					limit: { type: 'integer', min: 1, max: 1_000, default: 100 },
					after: { type: 'string' },
					before: { type: 'string' },
				});
				const limits = org.rateLimits(project.id).map((limit) => ({ object: 'project.rate_limit', ...limit }));
				return { body: listPage(limits, options) };
			},
		},
		{
			method: 'GET',
			path: '/v1/organization/users',
			auth: AUTH,
			handle: ({ query }) => {
				const params = readQueryParams(query, { ...LIST_PARAMS, emails: { type: 'array' } });
				const emails = new Set(params.emails.map((email) => email.toLowerCase()));
				const users = org.users.filter((user) => emails.size === 0 || emails.has(user.email.toLowerCase()));
				return { body: listPage(users.map(userJson), params) };
			},
		},
		{
			method: 'GET',
			path: '/v1/organization/users/{user_id}',
			auth: AUTH,
			handle: ({ query, params }) => {
				readQueryParams(query, {});
				const user = org.users.find((candidate) => candidate.id === params.user_id);
				if (!user) throw notFound('user', params.user_id);
				return { body: userJson(user) };
			},
		},
		{
			method: 'GET',
			path: '/v1/organization/admin_api_keys',
			auth: AUTH,
			handle: ({ query }) => {
				const params = readQueryParams(query, { ...LIST_PARAMS, order: { type: 'string', enum: ['asc', 'desc'], default: 'asc' } });
				const keys = org
					.adminKeys(now())
					.sort((a, b) => (params.order === 'asc' ? a.createdAt - b.createdAt : b.createdAt - a.createdAt))
					.map((key) => adminKeyJson(org, key));
				return { body: listPage(keys, params) };
			},
		},
		{
			method: 'GET',
			path: '/v1/organization/audit_logs',
			auth: AUTH,
			handle: (request) => listAuditLogs(request, org, now()),
		},
	];
	return { name: 'admin/organization', routes };
};

const AUDIT_PARAMS = {
	'effective_at[gt]': { type: 'integer' },
	'effective_at[gte]': { type: 'integer' },
	'effective_at[lt]': { type: 'integer' },
	'effective_at[lte]': { type: 'integer' },
	project_ids: { type: 'array' },
	event_types: { type: 'array' },
	actor_ids: { type: 'array' },
	actor_emails: { type: 'array' },
	resource_ids: { type: 'array' },
	tenant_only: { type: 'boolean', default: false },
	limit: { type: 'integer', min: 1, max: 100, default: 20 },
	after: { type: 'string' },
	before: { type: 'string' },
} as const satisfies Record<string, ParamSpec>;

function listAuditLogs(request: FakeRequest, org: SyntheticOrg, now: number): JsonResponse {
	const params = readQueryParams(request.query, AUDIT_PARAMS);
	const inSet = (values: string[], candidates: Array<string | undefined>) =>
		values.length === 0 || candidates.some((candidate) => candidate !== undefined && values.includes(candidate));
	const matches = (event: AuditEvent) =>
		// The fake has no tenant-scoped events.
		!params.tenant_only &&
		(params['effective_at[gt]'] === undefined || event.effective_at > params['effective_at[gt]']) &&
		(params['effective_at[gte]'] === undefined || event.effective_at >= params['effective_at[gte]']) &&
		(params['effective_at[lt]'] === undefined || event.effective_at < params['effective_at[lt]']) &&
		(params['effective_at[lte]'] === undefined || event.effective_at <= params['effective_at[lte]']) &&
		inSet(params.project_ids, [event.project.id]) &&
		inSet(params.event_types, [event.type]) &&
		inSet(params.actor_ids, actorIds(event)) &&
		inSet(params.actor_emails, [actorEmail(event)]) &&
		inSet(params.resource_ids, [resourceId(event)]);
	return { body: listPage(org.auditLog(now).filter(matches), params) };
}
