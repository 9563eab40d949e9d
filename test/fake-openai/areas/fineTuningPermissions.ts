import type { AreaFactory, FakeRequest } from '../area';
import { ApiError, invalidType, missingParameter } from '../errors';
import { ADMIN_SCOPES } from '../keys';
import { readQueryParams } from '../params';
import { bodyObject, rejectUnknownFields } from './text/fields';
import { badRequest } from './text/requestErrors';

/**
 * /v1/fine_tuning/checkpoints/{fine_tuned_model_checkpoint}/permissions: share a fine-tuned model
 * checkpoint with projects of the organization (create), list its permissions (cursor pages by
 * `after`, filter by project, ascending or descending), delete one. Admin keys only, like the real
 * API (reads need api.management.read, writes api.management.write). A checkpoint is any `ft:` model
 * name (a job's fine_tuned_model_checkpoint or fine_tuned_model); a project must be one of the
 * organization's projects. Granting a project that already has a permission keeps the one it has.
 */
interface Permission {
	id: string;
	checkpoint: string;
	projectId: string;
	createdAt: number;
	sequence: number;
}

export const fineTuningPermissionsArea: AreaFactory = (context) => {
	const { clock, ids, org } = context;
	let permissions: Permission[] = [];
	let sequence = 0;

	const view = (permission: Permission) => ({ object: 'checkpoint.permission', id: permission.id, created_at: permission.createdAt, project_id: permission.projectId });
	const listBody = (data: Permission[], hasMore: boolean) => ({
		object: 'list',
		data: data.map(view),
		first_id: data[0]?.id ?? null,
		last_id: data[data.length - 1]?.id ?? null,
		has_more: hasMore,
	});

	const checkpointOf = (request: FakeRequest): string => {
		const checkpoint = request.params.fine_tuned_model_checkpoint;
		if (!checkpoint.startsWith('ft:')) {
			throw new ApiError(404, 'invalid_request_error', `Fine-tuned model checkpoint ${checkpoint} not found.`, 'fine_tuned_model_checkpoint', 'model_not_found');
		}
		return checkpoint;
	};

	return {
		name: 'fineTuningPermissions',
		reset: () => {
			permissions = [];
			sequence = 0;
		},
		routes: [
			{
				method: 'POST',
				path: '/v1/fine_tuning/checkpoints/{fine_tuned_model_checkpoint}/permissions',
				auth: { kind: 'admin', scope: ADMIN_SCOPES.managementWrite },
				handle: (request) => {
					const checkpoint = checkpointOf(request);
					const body = bodyObject(request.body);
					rejectUnknownFields(body, new Set(['project_ids']), 'modern');
					if (body.project_ids === undefined) throw missingParameter('project_ids');
					if (!Array.isArray(body.project_ids)) throw invalidType('project_ids', 'an array', typeof body.project_ids);
					if (body.project_ids.length === 0) throw badRequest("Invalid 'project_ids': empty array. Expected an array with minimum length 1.", 'project_ids', 'empty_array');
					const known = new Set(org.projects.filter((project) => project.archivedAt === null).map((project) => project.id));
					const granted: Permission[] = [];
					for (const [index, projectId] of body.project_ids.entries()) {
						if (typeof projectId !== 'string') throw invalidType(`project_ids[${index}]`, 'a string', typeof projectId);
						if (!known.has(projectId)) throw badRequest(`Project ${projectId} not found in this organization.`, `project_ids[${index}]`, 'invalid_project');
						const existing = permissions.find((permission) => permission.checkpoint === checkpoint && permission.projectId === projectId);
						if (existing) {
							granted.push(existing);
							continue;
						}
						const permission = { id: ids.next('cp_', 24, checkpoint, projectId, sequence), checkpoint, projectId, createdAt: clock.nowSeconds(), sequence: sequence++ };
						permissions.push(permission);
						granted.push(permission);
					}
					return { body: listBody(granted, false) };
				},
			},
			{
				method: 'GET',
				path: '/v1/fine_tuning/checkpoints/{fine_tuned_model_checkpoint}/permissions',
				auth: { kind: 'admin', scope: ADMIN_SCOPES.managementRead },
				handle: (request) => {
					const checkpoint = checkpointOf(request);
					const params = readQueryParams(request.query, {
						project_id: { type: 'string' },
						after: { type: 'string' },
						limit: { type: 'integer', min: 1, max: 100, default: 10 },
						order: { type: 'string', enum: ['ascending', 'descending'], default: 'descending' },
					});
					let list = permissions.filter((permission) => permission.checkpoint === checkpoint && (!params.project_id || permission.projectId === params.project_id));
					list.sort((a, b) => a.sequence - b.sequence);
					if (params.order === 'descending') list.reverse();
					if (params.after) {
						const index = list.findIndex((permission) => permission.id === params.after);
						list = index === -1 ? [] : list.slice(index + 1);
					}
					const data = list.slice(0, params.limit);
					return { body: listBody(data, list.length > data.length) };
				},
			},
			{
				method: 'DELETE',
				path: '/v1/fine_tuning/checkpoints/{fine_tuned_model_checkpoint}/permissions/{permission_id}',
				auth: { kind: 'admin', scope: ADMIN_SCOPES.managementWrite },
				handle: (request) => {
					const checkpoint = checkpointOf(request);
					const index = permissions.findIndex((permission) => permission.checkpoint === checkpoint && permission.id === request.params.permission_id);
					if (index === -1) {
						throw new ApiError(404, 'invalid_request_error', `No permission ${request.params.permission_id} found for checkpoint ${checkpoint}.`, 'permission_id', 'not_found');
					}
					const [removed] = permissions.splice(index, 1);
					return { body: { object: 'checkpoint.permission', id: removed.id, deleted: true } };
				},
			},
		],
	};
};
