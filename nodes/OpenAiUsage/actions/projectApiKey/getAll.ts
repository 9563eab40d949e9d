import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { listProperties, pageSize, readLimit } from '../../../shared/list';
import { ENTRY_SHAPES, takeChecked } from '../../shared/checkedList';
import { projectLocator, readLocator } from '../../shared/locators';
import type { ItemOperation } from '../types';

type OwnerAccess = 'any' | 'active' | 'inactive';

export const getAllProjectApiKeys: ItemOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many project API keys',
	description: 'List the API keys of a project (their IDs are the api_key_id of usage rows)',
	properties: [
		projectLocator(),
		...listProperties(),
		{
			displayName: 'Owner Access',
			name: 'ownerProjectAccess',
			type: 'options',
			options: [
				{ name: 'Active', value: 'active', description: 'Keys whose owner can still use the project' },
				{ name: 'Any', value: 'any', description: 'Every enabled key of the project' },
				{ name: 'Inactive', value: 'inactive', description: 'Keys whose owner lost access to the project' },
			],
			default: 'any',
			description: 'Which keys to list by whether their owner still has access to the project',
		},
	],
	async execute({ n8n, transport, itemIndex }) {
		const projectId = readLocator(n8n, itemIndex, 'projectId', 'Project');
		const limit = readLimit(n8n, itemIndex);
		const access = n8n.getNodeParameter('ownerProjectAccess', itemIndex, 'any') as OwnerAccess;
		const keys = await takeChecked(
			transport.client.admin.organization.projects.apiKeys.list(projectId, { limit: pageSize(limit), owner_project_access: access }),
			limit,
			`GET /organization/projects/${projectId}/api_keys`,
			ENTRY_SHAPES.projectApiKey,
		);
		return toItems(keys.map((key) => ({ ...key, project_id: projectId }) as IDataObject));
	},
};
