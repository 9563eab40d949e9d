import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { SPEND_SHAPES, type DeletedAnswer, levelOutput, levelProperties, readLevel } from '../../shared/spend';
import { WRITE_SCOPE_NOTE, WRITES } from '../../shared/writes';
import type { ItemOperation } from '../types';

export const removeSpendLimit: ItemOperation = {
	value: 'remove',
	name: 'Remove',
	action: 'Remove a spend limit',
	description: `${WRITES} removes the hard monthly spend limit of the organization or a project, so spend is no longer capped — ${WRITE_SCOPE_NOTE}`,
	properties: levelProperties(),
	async execute({ n8n, transport, itemIndex }) {
		const where = readLevel(n8n, itemIndex);
		const organization = transport.client.admin.organization;
		const call = where.level === 'project' ? organization.projects.spendLimit.delete(where.projectId) : organization.spendLimit.delete();
		const answer = await checkedCall<DeletedAnswer>(call, SPEND_SHAPES.deleted, 'the removal of a spend limit');
		return toItems({ deleted: answer.deleted, ...levelOutput(where) });
	},
};
