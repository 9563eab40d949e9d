import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { SPEND_SHAPES, type DeletedAnswer, levelOutput, levelProperties, readLevel } from '../../shared/spend';
import { WRITE_SCOPE_NOTE, WRITES } from '../../shared/writes';
import type { ItemOperation } from '../types';
import { alertIdProperty, readAlertId } from './alertBody';

export const deleteSpendAlert: ItemOperation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a spend alert',
	description: `${WRITES} deletes a spend alert of the organization or a project — ${WRITE_SCOPE_NOTE}`,
	properties: [...levelProperties(), alertIdProperty()],
	async execute({ n8n, transport, itemIndex }) {
		const where = readLevel(n8n, itemIndex);
		const id = readAlertId(n8n, itemIndex);
		const organization = transport.client.admin.organization;
		const call = where.level === 'project' ? organization.projects.spendAlerts.delete(id, { project_id: where.projectId }) : organization.spendAlerts.delete(id);
		const answer = await checkedCall<DeletedAnswer>(call, SPEND_SHAPES.deleted, 'the deletion of a spend alert');
		return toItems({ id, deleted: answer.deleted, ...levelOutput(where) });
	},
};
