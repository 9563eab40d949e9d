import type { IDataObject } from 'n8n-workflow';

import type { WorkflowConnectionJson, WorkflowJson, WorkflowNodeJson } from '../harness';

/** Builds the workflow JSON a user would export from the editor: trigger → items → nodes in a row. */
export interface NodeSpec {
	name?: string;
	type?: string;
	parameters: IDataObject;
	credentials?: Record<string, { id: string; name: string }>;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
}

export const PLATFORM_NODE_TYPE = 'n8n-nodes-openai-platform.openAiPlatform';
export const PLATFORM_CREDENTIAL_REF = {
	openAiPlatformApi: { id: 'cred-platform-1', name: 'OpenAI Platform (test)' },
};

export function workflow(spec: { items?: IDataObject[]; nodes: NodeSpec[] }): WorkflowJson {
	const nodes: WorkflowNodeJson[] = [
		{
			id: 'n-trigger',
			name: 'Trigger',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	];
	const names = ['Trigger'];
	if (spec.items) {
		nodes.push({
			id: 'n-items',
			name: 'Items',
			type: 'test.items',
			typeVersion: 1,
			position: [200, 0],
			parameters: { items: JSON.stringify(spec.items) },
		});
		names.push('Items');
	}
	spec.nodes.forEach((node, index) => {
		const name = node.name ?? (index === 0 ? 'OpenAI' : `OpenAI ${index + 1}`);
		nodes.push({
			id: `n-${index}`,
			name,
			type: node.type ?? PLATFORM_NODE_TYPE,
			typeVersion: 1,
			position: [400 + index * 200, 0],
			parameters: node.parameters,
			credentials: node.credentials ?? PLATFORM_CREDENTIAL_REF,
			...(node.onError ? { onError: node.onError } : {}),
		});
		names.push(name);
	});
	const connections: Record<string, Record<string, WorkflowConnectionJson[][]>> = {};
	for (let i = 0; i < names.length - 1; i++) {
		connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	}
	return { name: 'test', nodes, connections, settings: { executionOrder: 'v1' } };
}
