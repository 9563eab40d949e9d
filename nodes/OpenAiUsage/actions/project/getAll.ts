import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { listProperties, pageSize, readLimit } from '../../../shared/list';
import { ENTRY_SHAPES, takeChecked } from '../../shared/checkedList';
import type { ItemOperation } from '../types';

export const getAllProjects: ItemOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many projects',
	description: 'List the organization\'s projects',
	properties: [
		...listProperties(),
		{
			displayName: 'Include Archived',
			name: 'includeArchived',
			type: 'boolean',
			default: false,
			description: 'Whether to list archived projects too',
		},
	],
	async execute({ n8n, transport, itemIndex }) {
		const limit = readLimit(n8n, itemIndex);
		const includeArchived = n8n.getNodeParameter('includeArchived', itemIndex, false) as boolean;
		const projects = await takeChecked(
			transport.client.admin.organization.projects.list({ limit: pageSize(limit), include_archived: includeArchived }),
			limit,
			'GET /organization/projects',
			ENTRY_SHAPES.project,
		);
		return toItems(projects.map((project) => ({ ...project }) as IDataObject));
	},
};
