import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { listProperties, pageSize, readLimit } from '../../../shared/list';
import { ENTRY_SHAPES, takeChecked } from '../../shared/checkedList';
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
		const limits = await takeChecked(
			transport.client.admin.organization.projects.rateLimits.listRateLimits(projectId, { limit: pageSize(limit) }),
			limit,
			`GET /organization/projects/${projectId}/rate_limits`,
			ENTRY_SHAPES.rateLimit,
		);
		return toItems(limits.map((rateLimit) => ({ ...rateLimit, project_id: projectId }) as IDataObject));
	},
};
