import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { projectLocator, readLocator } from '../../shared/locators';
import { DELETED_SHAPE, WRITE_SCOPE_NOTE, WRITES } from '../../shared/writes';
import type { ItemOperation } from '../types';
import { readServiceAccountId, serviceAccountIdProperty } from './shared';

export const deleteServiceAccount: ItemOperation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a service account',
	description: `${WRITES} deletes a service account of a project, and with it its API key — ${WRITE_SCOPE_NOTE}`,
	properties: [projectLocator(), serviceAccountIdProperty],
	async execute({ n8n, transport, itemIndex }) {
		const projectId = readLocator(n8n, itemIndex, 'projectId', 'Project');
		const id = readServiceAccountId(n8n, itemIndex);
		const answer = await checkedCall(transport.client.admin.organization.projects.serviceAccounts.delete(id, { project_id: projectId }), DELETED_SHAPE, 'the deletion of a service account');
		return toItems({ id, project_id: projectId, deleted: answer.deleted });
	},
};
