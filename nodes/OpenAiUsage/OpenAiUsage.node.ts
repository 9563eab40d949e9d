import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { readRequestOptions, requestOptionsProperty } from '../shared/engine/options';
import { runOperation } from '../shared/engine/runOperation';
import { createTransport } from '../shared/transport/client';
import { ADMIN_CREDENTIAL } from '../shared/transport/credentialTypes';
import { describeResources, findOperation } from './actions';
import { usageSearchMethods } from './listSearch';

/**
 * Reads usage, costs and the organization through the Admin API, so a workflow or an AI agent can
 * ask e.g. "what did project X spend last week by model?". See docs/usage.md.
 */
export class OpenAiUsage implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OpenAI Usage',
		name: 'openAiUsage',
		icon: { light: 'file:../../icons/openai.svg', dark: 'file:../../icons/openai.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Usage, costs, projects, users, keys, rate limits and audit logs of an OpenAI organization',
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
		const items = this.getInputData();
		const resource = this.getNodeParameter('resource', 0) as string;
		const operationName = this.getNodeParameter('operation', 0) as string;
		const operation = findOperation(resource, operationName);
		if (!operation) {
			throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of resource "${resource}" is not known`);
		}
		const options = readRequestOptions(this);
		const stop = new AbortController();
		const transport = await createTransport(this, {
			credentialType: ADMIN_CREDENTIAL,
			timeoutMs: options.timeoutMs,
			maxRetries: options.maxRetries,
			signal: stop.signal,
		});
		const output = await runOperation(this, operation, transport, {
			itemCount: items.length,
			concurrency: options.concurrency,
			stop,
			toNodeError: transport.toNodeError,
		});
		return [output];
	}
}
