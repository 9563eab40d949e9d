import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export const projectNameProperty: INodeProperties = {
	displayName: 'Name',
	name: 'projectName',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. Customer Support Bot',
	description: 'The project\'s name, as shown in the dashboard and in invoices',
};

/** The Name parameter, trimmed; empty or longer than 200 characters is refused. */
export function readProjectName(n8n: IExecuteFunctions, itemIndex: number): string {
	const value = n8n.getNodeParameter('projectName', itemIndex, '');
	const name = typeof value === 'string' ? value.trim() : '';
	if (!name || name.length > 200) {
		throw new NodeOperationError(n8n.getNode(), `The "Name" parameter is ${name ? 'longer than 200 characters' : 'empty'} [item ${itemIndex}]`, {
			itemIndex,
			description: 'Enter the project\'s name (text of 1 to 200 characters).',
		});
	}
	return name;
}
