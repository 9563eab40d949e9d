import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { SPEND_SHAPES, type SpendAnswer, amountProperty, levelProperties, readCents, readLevel, spendOutput } from '../../shared/spend';
import { WRITE_SCOPE_NOTE, WRITES } from '../../shared/writes';
import type { ItemOperation } from '../types';

export const setSpendLimit: ItemOperation = {
	value: 'set',
	name: 'Set',
	action: 'Set a spend limit',
	description: `${WRITES} creates or replaces the hard monthly spend limit of the organization or a project, which refuses requests once reached — ${WRITE_SCOPE_NOTE}`,
	properties: [
		...levelProperties(),
		amountProperty('Limit (USD)', 'The most the organization or project may spend per month, in US dollars as text with at most 2 decimals, e.g. "500.00" (at least 0.01)'),
	],
	async execute({ n8n, transport, itemIndex }) {
		const where = readLevel(n8n, itemIndex);
		const body = { currency: 'USD', interval: 'month', threshold_amount: readCents(n8n, itemIndex, 'amount', 'Limit (USD)', 1) } as const;
		const organization = transport.client.admin.organization;
		const call = where.level === 'project' ? organization.projects.spendLimit.update(where.projectId, body) : organization.spendLimit.update(body);
		const limit = await checkedCall<SpendAnswer>(call, SPEND_SHAPES.limit, 'a spend limit');
		return toItems(spendOutput(limit, where));
	},
};
