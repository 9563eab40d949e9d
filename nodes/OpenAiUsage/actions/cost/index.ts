import type { Resource } from '../types';
import { forecastMonthCost } from './forecastMonth';
import { getCost } from './get';

export const costResource: Resource = {
	value: 'cost',
	name: 'Cost',
	description: 'Money spent per UTC day, the financial source of truth, and the month\'s forecast',
	operations: [forecastMonthCost, getCost],
	defaultOperation: getCost.value,
};
