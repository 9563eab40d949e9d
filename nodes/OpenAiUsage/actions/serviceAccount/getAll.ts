import type { IDataObject } from 'n8n-workflow';

import { toItems } from '../../../shared/engine/runItems';
import { listProperties, pageSize, readLimit, take } from '../../../shared/list';
import { projectLocator, readLocator } from '../../shared/locators';
import type { ItemOperation } from '../types';
import { SERVICE_ACCOUNT_SHAPE } from './shared';

export const getAllServiceAccounts: ItemOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many service accounts',
	description: 'List a project\'s service accounts',
	properties: [projectLocator(), ...listProperties()],
	async execute({ n8n, transport, itemIndex }) {
		const projectId = readLocator(n8n, itemIndex, 'projectId', 'Project');
		const limit = readLimit(n8n, itemIndex);
		const accounts = await take(
			transport.client.admin.organization.projects.serviceAccounts.list(projectId, { limit: pageSize(limit) }),
			limit,
			'GET /organization/projects/{project_id}/service_accounts',
			{ entry: SERVICE_ACCOUNT_SHAPE },
		);
		return toItems(accounts.map((account) => ({ ...account, project_id: projectId }) as IDataObject));
	},
};
