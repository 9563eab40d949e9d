import type { ItemOperation } from '../types';
import { executeUsageRead, usageReadProperties } from '../../shared/usageRead';

export const getUsage: ItemOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get usage',
	description: 'Read usage buckets of one endpoint or all of them: flat rows per bucket and group',
	properties: usageReadProperties(),
	async execute(ctx) {
		return await executeUsageRead(ctx);
	},
};
