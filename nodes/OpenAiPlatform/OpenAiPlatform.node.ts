import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { readRequestOptions, requestOptionsProperty } from '../shared/engine/options';
import { runOperation } from '../shared/engine/runOperation';
import { modelSearchMethods } from '../shared/listSearch/models';
import { createTransport } from '../shared/transport/client';
import { PLATFORM_CREDENTIAL } from '../shared/transport/credentialTypes';
import { describeResources, findOperation } from './actions';

export class OpenAiPlatform implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OpenAI Platform',
		name: 'openAiPlatform',
		icon: { light: 'file:../../icons/openai.svg', dark: 'file:../../icons/openai.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'The whole OpenAI API: models, chat, responses, embeddings, images, audio, files and the Batch API',
		defaults: { name: 'OpenAI Platform' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: PLATFORM_CREDENTIAL, required: true }],
		properties: [...describeResources(), requestOptionsProperty],
	};

	methods = {
		listSearch: { ...modelSearchMethods },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const resource = this.getNodeParameter('resource', 0) as string;
		const operationName = this.getNodeParameter('operation', 0) as string;
		const operation = findOperation(resource, operationName);
		if (!operation) {
			throw new NodeOperationError(
				this.getNode(),
				`The operation "${operationName}" of resource "${resource}" is not known`,
			);
		}
		const options = readRequestOptions(this);
		const stop = new AbortController();
		const transport = await createTransport(this, {
			credentialType: PLATFORM_CREDENTIAL,
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
