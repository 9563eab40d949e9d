import type { INodeProperties } from 'n8n-workflow';

import { adminApiKeyResource } from './adminApiKey';
import { auditLogResource } from './auditLog';
import { costResource } from './cost';
import { projectResource } from './project';
import { projectApiKeyResource } from './projectApiKey';
import { projectRateLimitResource } from './projectRateLimit';
import type { Operation, Resource } from './types';
import { usageResource } from './usage';
import { userResource } from './user';

/** Every resource of the OpenAI Usage node, alphabetical by name. */
export const resources: Resource[] = [
	adminApiKeyResource,
	auditLogResource,
	costResource,
	projectResource,
	projectApiKeyResource,
	projectRateLimitResource,
	usageResource,
	userResource,
];

const DEFAULT_RESOURCE = 'usage';

export function findOperation(resource: string, operation: string): Operation | undefined {
	return resources.find((r) => r.value === resource)?.operations.find((o) => o.value === operation);
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
	const operationPickers = resources.map(
		({ value, operations, defaultOperation }): INodeProperties => ({
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
		}),
	);
	const operationParameters = resources.flatMap((resource) =>
		resource.operations.flatMap((operation) =>
			operation.properties.map((property) => ({
				...property,
				displayOptions: {
					...property.displayOptions,
					show: { ...property.displayOptions?.show, resource: [resource.value], operation: [operation.value] },
				},
			})),
		),
	);
	return [resourcePicker, ...operationPickers, ...operationParameters];
}
