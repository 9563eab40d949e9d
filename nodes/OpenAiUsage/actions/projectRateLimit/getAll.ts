import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { listProperties, readLimit, take } from '../../../shared/list';
import { projectLocator, readLocator } from '../../shared/locators';
import type { ItemOperation } from '../types';

export const getAllProjectRateLimits: ItemOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many project rate limits',
	description: 'List the per-model rate limits of a project',
	properties: [projectLocator(), ...listProperties()],
	async execute({ n8n, transport, itemIndex }) {
		const projectId = readLocator(n8n, itemIndex, 'projectId', 'Project');
		const limit = readLimit(n8n, itemIndex);
		const limits = await take(
			transport.client.admin.organization.projects.rateLimits.listRateLimits(projectId, {
				limit: Number.isFinite(limit) ? Math.min(limit, 100) : 100,
			}),
			limit,
		);
		return toItems(limits.map((rateLimit) => ({ ...rateLimit, project_id: projectId }) as IDataObject));
	},
};
