import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { projectLocator, readLocator, userLocator } from '../../shared/locators';
import { WRITE_SCOPE_NOTE, WRITES } from '../../shared/writes';
import type { ItemOperation } from '../types';
import { PROJECT_USER_SHAPE, projectRoleProperty, readProjectRole } from './role';

export const addProjectUser: ItemOperation = {
	value: 'add',
	name: 'Add',
	action: 'Add a user to a project',
	description: `${WRITES} adds a user of the organization to a project with a role — ${WRITE_SCOPE_NOTE}`,
	properties: [projectLocator(), userLocator(), projectRoleProperty],
	async execute({ n8n, transport, itemIndex }) {
		const projectId = readLocator(n8n, itemIndex, 'projectId', 'Project');
		const userId = readLocator(n8n, itemIndex, 'userId', 'User');
		const role = readProjectRole(n8n, itemIndex);
		const member = await checkedCall(transport.client.admin.organization.projects.users.create(projectId, { user_id: userId, role }), PROJECT_USER_SHAPE, 'a project user');
		return toItems({ ...member, project_id: projectId });
	},
};
