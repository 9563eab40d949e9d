import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { SPEND_SHAPES, type SpendAnswer, levelProperties, readLevel, spendOutput } from '../../shared/spend';
import type { ItemOperation } from '../types';

export const getSpendLimit: ItemOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get a spend limit',
	description: 'Read the hard monthly spend limit of the organization or a project (in dollars as text) and whether it is enforcing',
	properties: levelProperties(),
	async execute({ n8n, transport, itemIndex }) {
		const where = readLevel(n8n, itemIndex);
		const organization = transport.client.admin.organization;
		const call = where.level === 'project' ? organization.projects.spendLimit.retrieve(where.projectId) : organization.spendLimit.retrieve();
		const limit = await checkedCall<SpendAnswer>(call, SPEND_SHAPES.limit, 'a spend limit');
		return toItems(spendOutput(limit, where));
	},
};
