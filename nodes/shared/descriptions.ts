import type { INodeProperties } from 'n8n-workflow';

/** A model picker: a searchable list from GET /models, or an ID typed by hand. */
export function modelLocator(
	overrides: Partial<INodeProperties> & { searchListMethod?: string } = {},
): INodeProperties {
	const { searchListMethod = 'searchModels', ...rest } = overrides;
	return {
		displayName: 'Model',
		name: 'modelId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. gpt-4o-mini',
			},
		],
		description: 'The model, picked from the models your key can use or typed as an ID',
		...rest,
	};
}
