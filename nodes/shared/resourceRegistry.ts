import type { INodeProperties } from 'n8n-workflow';

import type { Operation, Resource } from './operation';

/**
 * A node's resources and operations: the resource picker, one operation picker per resource, each
 * operation's own parameters shown only for it, and the lookup `execute()` uses.
 */
export interface ResourceRegistry {
	findOperation(resource: string, operation: string): Operation | undefined;
	describeResources(): INodeProperties[];
}

export function createResourceRegistry(resources: Resource[], defaultResource: string): ResourceRegistry {
	return {
		findOperation: (resource, operation) =>
			resources.find((r) => r.value === resource)?.operations.find((o) => o.value === operation),
		describeResources: () => [
			resourcePicker(resources, defaultResource),
			...resources.map(operationPicker),
			...resources.flatMap(operationParameters),
		],
	};
}

function resourcePicker(resources: Resource[], defaultResource: string): INodeProperties {
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources.map(({ name, value, description }) => ({ name, value, description })),
		default: defaultResource,
	};
}

function operationPicker({ value, operations, defaultOperation }: Resource): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [value] } },
		options: operations.map(({ name, value: operationValue, action, description }) => ({
			name,
			value: operationValue,
			action,
			description,
		})),
		default: defaultOperation,
	};
}

function operationParameters(resource: Resource): INodeProperties[] {
	return resource.operations.flatMap((operation) =>
		operation.properties.map((property) => ({
			...property,
			displayOptions: {
				...property.displayOptions,
				// resource and operation first: n8n shows a parameter as soon as one condition's value is an
				// expression, so another operation's required parameter would otherwise count as shown
				show: {
					resource: [resource.value],
					operation: [operation.value],
					...property.displayOptions?.show,
				},
			},
		})),
	);
}
