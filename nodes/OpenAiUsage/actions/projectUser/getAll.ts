import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { listProperties, pageSize, readLimit, take } from '../../../shared/list';
import { projectLocator, readLocator } from '../../shared/locators';
import type { ItemOperation } from '../types';
import { PROJECT_USER_SHAPE } from './role';

export const getAllProjectUsers: ItemOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many project users',
	description: 'List a project\'s members and their roles',
	properties: [projectLocator(), ...listProperties()],
	async execute({ n8n, transport, itemIndex }) {
		const projectId = readLocator(n8n, itemIndex, 'projectId', 'Project');
		const limit = readLimit(n8n, itemIndex);
		const members = await take(transport.client.admin.organization.projects.users.list(projectId, { limit: pageSize(limit) }), limit, 'GET /organization/projects/{project_id}/users', {
			entry: PROJECT_USER_SHAPE,
		});
		return toItems(members.map((member) => ({ ...member, project_id: projectId }) as IDataObject));
	},
};
