import type { AreaFactory } from '../../area';
import { ApiError, invalidType, invalidValue } from '../../errors';
import { ADMIN_SCOPES } from '../../keys';
import { readJsonObject } from './organizationWrites';
import type { SyntheticApiKey, SyntheticRateLimit } from './syntheticOrg';

/**
 * Deleting a project API key (refused for a service account's key, as OpenAI documents) and updating a
 * project's per-model rate limit. Both change the synthetic organization, so the reads see the result;
 * `reset()` restores it. They need api.management.write.
 */
const WRITE = { kind: 'admin', scope: ADMIN_SCOPES.managementWrite } as const;
const LIMIT_FIELDS = [
	'max_requests_per_1_minute',
	'max_tokens_per_1_minute',
	'max_images_per_1_minute',
	'max_audio_megabytes_per_1_minute',
	'max_requests_per_1_day',
	'batch_1_day_max_input_tokens',
] as const;

function notFound(message: string): ApiError {
	return new ApiError(404, 'invalid_request_error', message, null, null);
}

export const keysAndLimitsArea: AreaFactory = ({ org }) => {
	const apiKeys = org.apiKeys as SyntheticApiKey[];
	const initialKeys = [...apiKeys];
	const overrides = new Map<string, Partial<SyntheticRateLimit>>();
	const generated = org.rateLimits.bind(org);
	// The read route (admin/organization) asks org.rateLimits(): it sees the updates from here on.
	(org as { rateLimits: typeof org.rateLimits }).rateLimits = (projectId) =>
		generated(projectId).map((limit) => ({ ...limit, ...overrides.get(`${projectId}/${limit.id}`) }));
	const requireProject = (id: string) => {
		if (!org.projects.some((project) => project.id === id)) throw notFound(`No project found with ID '${id}'.`);
	};
	return {
		name: 'admin/keys-and-limits',
		routes: [
			{
				method: 'DELETE',
				path: '/v1/organization/projects/{project_id}/api_keys/{api_key_id}',
				auth: WRITE,
				handle: ({ params }) => {
					requireProject(params.project_id);
					const key = apiKeys.find((candidate) => candidate.id === params.api_key_id && candidate.projectId === params.project_id);
					if (!key) throw notFound(`No API key found with ID '${params.api_key_id}'.`);
					if (key.ownerServiceAccountId) {
						throw new ApiError(400, 'invalid_request_error', 'API keys of service accounts cannot be deleted; delete the service account instead.', 'api_key_id', null);
					}
					apiKeys.splice(apiKeys.indexOf(key), 1);
					return { body: { object: 'organization.project.api_key.deleted', id: key.id, deleted: true } };
				},
			},
			{
				method: 'POST',
				path: '/v1/organization/projects/{project_id}/rate_limits/{rate_limit_id}',
				auth: WRITE,
				handle: (request) => {
					const { project_id: projectId, rate_limit_id: limitId } = request.params;
					requireProject(projectId);
					const current = org.rateLimits(projectId).find((limit) => limit.id === limitId);
					if (!current) throw notFound(`No rate limit found with ID '${limitId}'.`);
					const body = readJsonObject(request, LIMIT_FIELDS);
					const change: Partial<Record<(typeof LIMIT_FIELDS)[number], number>> = {};
					for (const field of LIMIT_FIELDS) {
						const value = body[field];
						if (value === undefined) continue;
						if (!Number.isInteger(value)) throw invalidType(field, 'an integer', typeof value);
						if ((value as number) < 0) throw invalidValue(field, 'must not be negative.');
						if (current[field] === undefined) throw invalidValue(field, `not applicable to ${current.model}.`);
						change[field] = value as number;
					}
					const key = `${projectId}/${limitId}`;
					overrides.set(key, { ...overrides.get(key), ...change });
					return { body: { object: 'project.rate_limit', ...org.rateLimits(projectId).find((limit) => limit.id === limitId) } };
				},
			},
		],
		reset() {
			apiKeys.splice(0, apiKeys.length, ...initialKeys);
			overrides.clear();
		},
	};
};
