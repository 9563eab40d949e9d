import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { executeNode } from '../shared/engine/executeNode';
import { requestOptionsProperty } from '../shared/engine/options';
import { modelSearchMethods } from '../shared/listSearch/models';
import { searchVectorStores } from '../shared/listSearch/vectorStores';
import { ADMIN_CREDENTIAL, PLATFORM_CREDENTIAL } from '../shared/transport/credentialTypes';
import { describeResources, findOperation } from './actions';
import { PERMISSION_OPERATIONS } from './actions/fineTuning/checkpointPermission';

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
		// checkpoint permissions need an admin key: for them the node asks for the Admin credential instead
		credentials: [
			{ name: PLATFORM_CREDENTIAL, required: true, displayOptions: { hide: { operation: PERMISSION_OPERATIONS } } },
			{ name: ADMIN_CREDENTIAL, required: true, displayOptions: { show: { resource: ['fineTuning'], operation: PERMISSION_OPERATIONS } } },
		],
		properties: [...describeResources(), requestOptionsProperty],
	};

	methods = {
		listSearch: { ...modelSearchMethods, searchVectorStores },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeNode(this, PLATFORM_CREDENTIAL, findOperation);
	}
}
