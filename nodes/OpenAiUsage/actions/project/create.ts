import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { ENTRY_SHAPES } from '../../shared/checkedList';
import { WRITE_SCOPE_NOTE, WRITES } from '../../shared/writes';
import type { ItemOperation } from '../types';
import { projectNameProperty, readProjectName } from './name';

export const createProject: ItemOperation = {
	value: 'create',
	name: 'Create',
	action: 'Create a project',
	description: `${WRITES} creates a project in the organization — ${WRITE_SCOPE_NOTE}`,
	properties: [projectNameProperty],
	async execute({ n8n, transport, itemIndex }) {
		const name = readProjectName(n8n, itemIndex);
		const project = await checkedCall(transport.client.admin.organization.projects.create({ name }), ENTRY_SHAPES.project, 'a project');
		return toItems({ ...project });
	},
};
