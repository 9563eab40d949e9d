import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { projectLocator, readLocator } from '../../shared/locators';
import type { ItemOperation } from '../types';
import { SERVICE_ACCOUNT_SHAPE, readServiceAccountId, serviceAccountIdProperty } from './shared';

export const getServiceAccount: ItemOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get a service account',
	description: 'Read one service account of a project (its key is never returned again)',
	properties: [projectLocator(), serviceAccountIdProperty],
	async execute({ n8n, transport, itemIndex }) {
		const projectId = readLocator(n8n, itemIndex, 'projectId', 'Project');
		const id = readServiceAccountId(n8n, itemIndex);
		const account = await checkedCall(transport.client.admin.organization.projects.serviceAccounts.retrieve(id, { project_id: projectId }), SERVICE_ACCOUNT_SHAPE, 'a service account');
		return toItems({ ...account, project_id: projectId });
	},
};
