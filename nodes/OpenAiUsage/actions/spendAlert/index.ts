import type { Resource } from '../types';
import { createSpendAlert } from './create';
import { deleteSpendAlert } from './delete';
import { getSpendAlert } from './get';
import { getAllSpendAlerts } from './getAll';
import { updateSpendAlert } from './update';

export const spendAlertResource: Resource = {
	value: 'spendAlert',
	name: 'Spend Alert',
	description: 'Email alerts when the month\'s spend of the organization or a project reaches a threshold (Create, Update, Delete write)',
	operations: [createSpendAlert, deleteSpendAlert, getSpendAlert, getAllSpendAlerts, updateSpendAlert],
	defaultOperation: getAllSpendAlerts.value,
};
