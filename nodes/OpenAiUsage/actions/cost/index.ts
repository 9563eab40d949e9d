import type { Resource } from '../types';
import { getCost } from './get';

export const costResource: Resource = {
	value: 'cost',
	name: 'Cost',
	description: 'Money spent per UTC day, the financial source of truth',
	operations: [getCost],
	defaultOperation: getCost.value,
};
