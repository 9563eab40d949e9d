import { toItems } from '../../../shared/engine/runItems';
import { checkedCall, shape } from '../../../shared/shape';
import { projectLocator, readLocator } from '../../shared/locators';
import { WRITE_SCOPE_NOTE, WRITES } from '../../shared/writes';
import type { ItemOperation } from '../types';

const archivedProject = shape.object({ id: shape.nonEmptyString, archived_at: shape.number });

export const archiveProject: ItemOperation = {
	value: 'archive',
	name: 'Archive',
	action: 'Archive a project',
	description: `${WRITES} archives a project, which cannot be used or updated afterwards (OpenAI offers no unarchive) — ${WRITE_SCOPE_NOTE}`,
	properties: [projectLocator()],
	async execute({ n8n, transport, itemIndex }) {
		const id = readLocator(n8n, itemIndex, 'projectId', 'Project');
		const project = await checkedCall(transport.client.admin.organization.projects.archive(id), archivedProject, 'an archived project');
		return toItems({ ...project });
	},
};
