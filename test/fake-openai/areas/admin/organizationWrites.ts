import type { AreaFactory, FakeRequest } from '../../area';
import { ApiError, invalidType, invalidValue, missingParameter, unknownParameter } from '../../errors';
import { ADMIN_SCOPES } from '../../keys';
import type { SyntheticProject } from './syntheticOrg';

/**
 * The organization's write operations on projects (create, update, archive). They change the synthetic
 * organization itself, so the read routes (admin/organization) see the result; `reset()` restores it.
 * They need the admin key's api.management.write scope.
 */
const WRITE = { kind: 'admin', scope: ADMIN_SCOPES.managementWrite } as const;

export function readJsonObject(request: FakeRequest, allowed: readonly string[]): Record<string, unknown> {
	const body = request.body ?? {};
	if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalidType('body', 'an object', typeof body);
	const record = body as Record<string, unknown>;
	for (const key of Object.keys(record)) if (!allowed.includes(key)) throw unknownParameter(key);
	return record;
}

function optionalText(record: Record<string, unknown>, name: string): string | null | undefined {
	const value = record[name];
	if (value === undefined || value === null) return value;
	if (typeof value !== 'string') throw invalidType(name, 'a string', typeof value);
	return value;
}

export const organizationWritesArea: AreaFactory = ({ org, ids, clock }) => {
	const projects = org.projects as SyntheticProject[];
	const initial = [...projects];
	const projectJson = (project: SyntheticProject & { externalKeyId?: string | null }) => ({
		id: project.id,
		object: 'organization.project',
		name: project.name,
		created_at: project.createdAt,
		archived_at: project.archivedAt,
		status: project.archivedAt === null ? 'active' : 'archived',
		external_key_id: project.externalKeyId ?? null,
	});
	const indexOf = (id: string): number => {
		const index = projects.findIndex((project) => project.id === id);
		if (index === -1) throw new ApiError(404, 'invalid_request_error', `No project found with ID '${id}'.`, null, null);
		return index;
	};
	return {
		name: 'admin/organization-writes',
		routes: [
			{
				method: 'POST',
				path: '/v1/organization/projects',
				auth: WRITE,
				handle: (request) => {
					const body = readJsonObject(request, ['name', 'external_key_id', 'geography', 'residency']);
					const name = optionalText(body, 'name');
					if (name === undefined || name === null) throw missingParameter('name');
					if (name.trim() === '') throw invalidValue('name', 'the name must not be empty.');
					const project = { id: ids.next('proj_', 24, name), name, createdAt: clock.nowSeconds(), archivedAt: null, externalKeyId: optionalText(body, 'external_key_id') ?? null };
					// Active projects stay before the archived ones, as in the synthetic organization.
					const firstArchived = projects.findIndex((candidate) => candidate.archivedAt !== null);
					projects.splice(firstArchived === -1 ? projects.length : firstArchived, 0, project);
					return { body: projectJson(project) };
				},
			},
			{
				method: 'POST',
				path: '/v1/organization/projects/{project_id}',
				auth: WRITE,
				handle: (request) => {
					const index = indexOf(request.params.project_id);
					const body = readJsonObject(request, ['name', 'external_key_id', 'geography']);
					const current = projects[index] as SyntheticProject & { externalKeyId?: string | null };
					if (current.archivedAt !== null) throw invalidValue('project_id', 'an archived project cannot be updated.');
					const name = optionalText(body, 'name');
					if (name !== undefined && name !== null && name.trim() === '') throw invalidValue('name', 'the name must not be empty.');
					const externalKeyId = optionalText(body, 'external_key_id');
					const updated = { ...current, ...(name ? { name } : {}), ...(externalKeyId !== undefined ? { externalKeyId } : {}) };
					projects[index] = updated;
					return { body: projectJson(updated) };
				},
			},
			{
				method: 'POST',
				path: '/v1/organization/projects/{project_id}/archive',
				auth: WRITE,
				handle: (request) => {
					const index = indexOf(request.params.project_id);
					if (projects[index].id === org.defaultProjectId) throw invalidValue('project_id', 'the default project cannot be archived.');
					if (projects[index].archivedAt === null) projects[index] = { ...projects[index], archivedAt: clock.nowSeconds() };
					return { body: projectJson(projects[index]) };
				},
			},
		],
		reset() {
			projects.splice(0, projects.length, ...initial);
		},
	};
};
