import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { ENTRY_SHAPES } from '../../shared/checkedList';
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
		const project = await checkedCall(transport.client.admin.organization.projects.retrieve(id), ENTRY_SHAPES.project, 'a project');
		return toItems({ ...project });
	},
};
