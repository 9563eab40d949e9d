import { toItems } from '../../../shared/engine/runItems';
import { projectLocator, readLocator } from '../../shared/locators';
import type { ItemOperation } from '../types';

export const getProject: ItemOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get a project',
	description: 'Get one project: its name, status and creation time',
	properties: [projectLocator()],
	async execute({ n8n, transport, itemIndex }) {
		const id = readLocator(n8n, itemIndex, 'projectId', 'Project');
		const project = await transport.client.admin.organization.projects.retrieve(id);
		return toItems({ ...project });
	},
};
