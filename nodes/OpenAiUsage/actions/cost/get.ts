import type { ItemOperation } from '../types';
import { executeUsageRead, usageReadProperties } from '../../shared/usageRead';

export const getCost: ItemOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get costs',
	description: 'Read daily costs, optionally grouped by project, line item and API key',
	properties: usageReadProperties('costs'),
	async execute(ctx) {
		return await executeUsageRead(ctx, 'costs');
	},
};
