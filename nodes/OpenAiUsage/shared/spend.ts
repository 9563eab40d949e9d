import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Shape } from '../../shared/shape';
import { shape } from '../../shared/shape';
import { toList } from '../../usage/validate';
import { centsToDollars, dollarsToCents } from '../../usage/cents';
import { projectLocator, readLocator } from './locators';
import { DELETED_SHAPE } from './writes';

/**
 * Spend alerts and spend limits: their level (organization or one project), amounts as dollar text
 * (whole cents on the wire), the shapes their answers must have, and what the node outputs.
 */
export type SpendLevel = { level: 'organization' } | { level: 'project'; projectId: string };


export function levelProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Level',
			name: 'level',
			type: 'options',
			options: [
				{ name: 'Organization', value: 'organization', description: 'The whole organization' },
				{ name: 'Project', value: 'project', description: 'One project' },
			],
			default: 'organization',
			description: 'Whether this is the organization\'s or one project\'s',
		},
		{ ...projectLocator(), displayOptions: { show: { level: ['project'] } } },
	];
}

export function readLevel(n8n: IExecuteFunctions, itemIndex: number): SpendLevel {
	const level = n8n.getNodeParameter('level', itemIndex, 'organization') as string;
	if (level === 'organization') return { level };
	if (level === 'project') return { level, projectId: readLocator(n8n, itemIndex, 'projectId', 'Project') };
	throw new NodeOperationError(n8n.getNode(), `The "Level" parameter has an unknown value "${String(level).slice(0, 40)}" [item ${itemIndex}]`, {
		itemIndex,
		description: 'Use "organization" or "project".',
	});
}

/** A dollar amount parameter as whole cents, at least `minCents`; anything else names the parameter and the item. */
export function readCents(n8n: IExecuteFunctions, itemIndex: number, name: string, label: string, minCents: number): number {
	const reading = dollarsToCents(n8n.getNodeParameter(name, itemIndex, ''));
	const problem = 'problem' in reading ? reading.problem : reading.cents < minCents ? `is below ${centsToDollars(minCents)}` : undefined;
	if (problem !== undefined || !('cents' in reading)) {
		throw new NodeOperationError(n8n.getNode(), `The "${label}" parameter ${problem} [item ${itemIndex}]`, {
			itemIndex,
			description: `Enter an amount in US dollars with at most 2 decimals, e.g. "125.50" (at least ${centsToDollars(minCents)}).`,
		});
	}
	return reading.cents;
}

export function amountProperty(label: string, description: string): INodeProperties {
	return {
		displayName: label,
		name: 'amount',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 125.50',
		description,
	};
}

/** Recipients: email addresses separated by commas, at least one. */
export function readRecipients(n8n: IExecuteFunctions, itemIndex: number): string[] {
	const recipients = toList(n8n.getNodeParameter('recipients', itemIndex, '') as string);
	const bad = recipients.find((email) => !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email));
	if (recipients.length === 0 || bad !== undefined) {
		const problem = bad === undefined ? 'is empty' : `has "${bad.slice(0, 60)}", which is not an email address`;
		throw new NodeOperationError(n8n.getNode(), `The "Recipients" parameter ${problem} [item ${itemIndex}]`, {
			itemIndex,
			description: 'Enter one or more email addresses separated by commas.',
		});
	}
	return recipients;
}

const cents = shape.rule((value, path) =>
	Number.isSafeInteger(value) ? undefined : `\`${path}\` should be a whole number of cents, but is ${JSON.stringify(value)?.slice(0, 40)}`,
);

export const SPEND_SHAPES = {
	alert: shape.object({
		id: shape.nonEmptyString,
		threshold_amount: cents,
		notification_channel: shape.object({ recipients: shape.array(shape.string) }),
	}),
	limit: shape.object({ threshold_amount: cents, enforcement: shape.object({ status: shape.string }) }),
	deleted: DELETED_SHAPE,
} satisfies Record<string, Shape>;

/** The answer plus the level and the amount as dollar text ("125.50"); `threshold_amount` stays in cents. */
export function spendOutput(answer: { threshold_amount: number }, where: SpendLevel): IDataObject {
	return {
		...(answer as unknown as IDataObject),
		amount: centsToDollars(answer.threshold_amount),
		level: where.level,
		...(where.level === 'project' ? { project_id: where.projectId } : {}),
	};
}

export function levelOutput(where: SpendLevel): IDataObject {
	return { level: where.level, ...(where.level === 'project' ? { project_id: where.projectId } : {}) };
}

/** What the operations use of an alert's or a limit's answer (both levels' SDK types have it). */
export interface SpendAnswer {
	threshold_amount: number;
}
export interface DeletedAnswer {
	deleted: boolean;
}
