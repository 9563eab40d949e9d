import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { executeNode } from '../shared/engine/executeNode';
import { requestOptionsProperty } from '../shared/engine/options';
import { ADMIN_CREDENTIAL } from '../shared/transport/credentialTypes';
import { describeResources, findOperation } from './actions';
import { usageSearchMethods } from './listSearch';

/**
 * Reads usage, costs and the organization through the Admin API, so a workflow or an AI agent can
 * ask e.g. "what did project X spend last week by model?", and governs it (spend alerts and limits,
 * projects, members, service accounts, keys, invites): every operation that writes says "Writes:" in its
 * description. See docs/usage.md.
 */
export class OpenAiUsage implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OpenAI Usage',
		name: 'openAiUsage',
		icon: { light: 'file:../../icons/openai.svg', dark: 'file:../../icons/openai.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Usage, costs and forecasts, projects, users, keys, rate limits, audit logs, spend alerts and limits of an OpenAI organization (operations marked "Writes:" change it)',
		defaults: { name: 'OpenAI Usage' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: ADMIN_CREDENTIAL, required: true }],
		properties: [...describeResources(), requestOptionsProperty],
	};

	methods = {
		listSearch: { ...usageSearchMethods },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeNode(this, ADMIN_CREDENTIAL, findOperation);
	}
}
