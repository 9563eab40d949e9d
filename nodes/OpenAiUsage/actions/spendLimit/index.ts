import type { Resource } from '../types';
import { getSpendLimit } from './get';
import { removeSpendLimit } from './remove';
import { setSpendLimit } from './set';

export const spendLimitResource: Resource = {
	value: 'spendLimit',
	name: 'Spend Limit',
	description: 'The hard monthly spend limit of the organization or a project (Set and Remove write)',
	operations: [getSpendLimit, removeSpendLimit, setSpendLimit],
	defaultOperation: getSpendLimit.value,
};
