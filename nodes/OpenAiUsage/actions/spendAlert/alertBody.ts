import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { amountProperty, readCents, readRecipients } from '../../shared/spend';

/** The body of Create and Update (the API replaces the whole alert on update): threshold, recipients, subject prefix. */
export interface AlertBody {
	currency: 'USD';
	interval: 'month';
	threshold_amount: number;
	notification_channel: { type: 'email'; recipients: string[]; subject_prefix?: string };
}

export function alertBodyProperties(): INodeProperties[] {
	return [
		amountProperty('Threshold (USD)', 'Alert when the month\'s spend reaches this many US dollars, as text with at most 2 decimals, e.g. "125.50"'),
		{
			displayName: 'Recipients',
			name: 'recipients',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. finance@example.com, cto@example.com',
			description: 'Email addresses that get the alert, separated by commas',
		},
		{
			displayName: 'Subject Prefix',
			name: 'subjectPrefix',
			type: 'string',
			default: '',
			description: 'Text the alert emails\' subject starts with (optional)',
		},
	];
}

export function readAlertBody(n8n: IExecuteFunctions, itemIndex: number): AlertBody {
	const threshold = readCents(n8n, itemIndex, 'amount', 'Threshold (USD)', 0);
	const recipients = readRecipients(n8n, itemIndex);
	const prefix = n8n.getNodeParameter('subjectPrefix', itemIndex, '') as string;
	if (typeof prefix !== 'string') {
		throw new NodeOperationError(n8n.getNode(), `The "Subject Prefix" parameter is not text [item ${itemIndex}]`, { itemIndex });
	}
	return {
		currency: 'USD',
		interval: 'month',
		threshold_amount: threshold,
		notification_channel: { type: 'email', recipients, ...(prefix.trim() ? { subject_prefix: prefix.trim() } : {}) },
	};
}

export function alertIdProperty(): INodeProperties {
	return {
		displayName: 'Spend Alert ID',
		name: 'alertId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. alert_abc123',
		description: 'The spend alert\'s ID, as Create or Get Many returned it',
	};
}

export function readAlertId(n8n: IExecuteFunctions, itemIndex: number): string {
	const id = String(n8n.getNodeParameter('alertId', itemIndex, '') ?? '').trim();
	if (!id) {
		throw new NodeOperationError(n8n.getNode(), `The "Spend Alert ID" parameter is empty [item ${itemIndex}]`, {
			itemIndex,
			description: 'Enter the ID of a spend alert (alert_…), e.g. from Spend Alert → Get Many.',
		});
	}
	return id;
}
