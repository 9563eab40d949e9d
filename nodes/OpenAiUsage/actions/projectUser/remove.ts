import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { projectLocator, readLocator, userLocator } from '../../shared/locators';
import { DELETED_SHAPE, WRITE_SCOPE_NOTE, WRITES } from '../../shared/writes';
import type { ItemOperation } from '../types';

export const removeProjectUser: ItemOperation = {
	value: 'remove',
	name: 'Remove',
	action: 'Remove a user from a project',
	description: `${WRITES} removes a user from a project (the user stays in the organization; keys they own in the project stay enabled) — ${WRITE_SCOPE_NOTE}`,
	properties: [projectLocator(), userLocator()],
	async execute({ n8n, transport, itemIndex }) {
		const projectId = readLocator(n8n, itemIndex, 'projectId', 'Project');
		const userId = readLocator(n8n, itemIndex, 'userId', 'User');
		const answer = await checkedCall(transport.client.admin.organization.projects.users.delete(userId, { project_id: projectId }), DELETED_SHAPE, 'the removal of a project user');
		return toItems({ id: userId, project_id: projectId, deleted: answer.deleted });
	},
};
