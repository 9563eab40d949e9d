import type { IDataObject } from 'n8n-workflow';

import type { WorkflowJson } from '../harness';
import type { NodeSpec } from './workflows';

/** Workflow JSON for the usage nodes, as the editor exports it. */
export const USAGE_TRIGGER_TYPE = 'n8n-nodes-openai-platform.openAiUsageTrigger';
export const USAGE_NODE_TYPE = 'n8n-nodes-openai-platform.openAiUsage';
export const TRIGGER_NAME = 'OpenAI Usage Trigger';
export const ADMIN_CREDENTIAL_REF = { openAiAdminApi: { id: 'cred-admin-1', name: 'OpenAI Admin (test)' } };

/** A workflow with only the usage trigger. */
export function triggerWorkflow(parameters: IDataObject): WorkflowJson {
	return {
		name: 'OpenAI usage',
		nodes: [
			{
				id: 'n-usage-trigger',
				name: TRIGGER_NAME,
				type: USAGE_TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, ...parameters },
				credentials: ADMIN_CREDENTIAL_REF,
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

/** The Usage node as one step of `workflow()` (test/node/workflows.ts). */
export function usageNode(parameters: IDataObject, extra: Partial<NodeSpec> = {}): NodeSpec {
	return { type: USAGE_NODE_TYPE, credentials: ADMIN_CREDENTIAL_REF, parameters, ...extra };
}

/** The trigger's state in the persisted static data. */
export function triggerState(staticData: IDataObject): IDataObject | undefined {
	return (staticData[`node:${TRIGGER_NAME}`] as IDataObject | undefined)?.usage as IDataObject | undefined;
}
