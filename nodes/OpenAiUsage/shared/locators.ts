import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Pickers for a project or a user: a searchable list of the organization's, or an ID. */
export function projectLocator(description = 'The project, picked from the organization or given by ID (proj_…)'): INodeProperties {
	return {
		displayName: 'Project',
		name: 'projectId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchProjects', searchable: true } },
			{ displayName: 'ID', name: 'id', type: 'string', placeholder: 'e.g. proj_abc123' },
		],
		description,
	};
}

export function userLocator(): INodeProperties {
	return {
		displayName: 'User',
		name: 'userId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchUsers', searchable: true } },
			{ displayName: 'ID', name: 'id', type: 'string', placeholder: 'e.g. user-abc123' },
		],
		description: 'The user, picked from the organization or given by ID (user-…)',
	};
}

/** A locator's value, trimmed; empty is an error naming the parameter and the item. */
export function readLocator(n8n: IExecuteFunctions, itemIndex: number, name: string, label: string): string {
	const value = n8n.getNodeParameter(name, itemIndex, '', { extractValue: true });
	const id = typeof value === 'string' ? value.trim() : '';
	if (!id) {
		throw new NodeOperationError(n8n.getNode(), `The "${label}" parameter is empty [item ${itemIndex}]`, {
			itemIndex,
			description: `Pick a ${label.toLowerCase()} from the list or enter its ID.`,
		});
	}
	return id;
}
