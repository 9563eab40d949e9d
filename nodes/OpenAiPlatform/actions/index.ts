import type { INodeProperties } from 'n8n-workflow';

import { audioResource } from './audio';
import { batchResource } from './batch';
import { chatResource } from './chat';
import { embeddingResource } from './embedding';
import { fileResource } from './file';
import { imageResource } from './image';
import { modelResource } from './model';
import { moderationResource } from './moderation';
import { responseResource } from './response';
import { textResource } from './text';
import type { Operation, Resource } from './types';

/** Every resource of the OpenAI Platform node. A new resource is one folder and one line here. */
export const resources: Resource[] = [
	audioResource,
	batchResource,
	chatResource,
	embeddingResource,
	fileResource,
	imageResource,
	modelResource,
	moderationResource,
	responseResource,
	textResource,
];

const DEFAULT_RESOURCE = 'model';

export function findOperation(resource: string, operation: string): Operation | undefined {
	return resources
		.find((r) => r.value === resource)
		?.operations.find((o) => o.value === operation);
}

/** Resource picker, one operation picker per resource, and each operation's own parameters. */
export function describeResources(): INodeProperties[] {
	const resourcePicker: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources.map(({ name, value, description }) => ({ name, value, description })),
		default: DEFAULT_RESOURCE,
	};
	const operationPickers = resources.map(operationPicker);
	const operationParameters = resources.flatMap((resource) =>
		resource.operations.flatMap((operation) =>
			operation.properties.map((property) => ({
				...property,
				displayOptions: {
					...property.displayOptions,
					show: {
						...property.displayOptions?.show,
						resource: [resource.value],
						operation: [operation.value],
					},
				},
			})),
		),
	);
	return [resourcePicker, ...operationPickers, ...operationParameters];
}

function operationPicker({ value, operations, defaultOperation }: Resource): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [value] } },
		options: operations.map(({ name, value, action, description }) => ({
			name,
			value,
			action,
			description,
		})),
		default: defaultOperation,
	};
}
