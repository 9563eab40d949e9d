import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { ENTRY_SHAPES } from '../../shared/checkedList';
import { projectLocator, readLocator } from '../../shared/locators';
import { WRITE_SCOPE_NOTE, WRITES } from '../../shared/writes';
import type { ItemOperation } from '../types';
import { projectNameProperty, readProjectName } from './name';

export const updateProject: ItemOperation = {
	value: 'update',
	name: 'Update',
	action: 'Update a project',
	description: `${WRITES} renames a project — ${WRITE_SCOPE_NOTE}`,
	properties: [projectLocator(), { ...projectNameProperty, description: 'The project\'s new name' }],
	async execute({ n8n, transport, itemIndex }) {
		const id = readLocator(n8n, itemIndex, 'projectId', 'Project');
		const name = readProjectName(n8n, itemIndex);
		const project = await checkedCall(transport.client.admin.organization.projects.update(id, { name }), ENTRY_SHAPES.project, 'a project');
		return toItems({ ...project });
	},
};
