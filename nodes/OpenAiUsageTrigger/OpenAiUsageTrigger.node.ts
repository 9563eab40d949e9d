import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { usageQueryProperties } from '../shared/usageParameters';
import { ADMIN_CREDENTIAL } from '../shared/transport/credentialTypes';
import { triggerOptionsProperty } from './options';
import { pollUsage } from './pollUsage';

/**
 * Polls OpenAI's usage and costs endpoints and emits every closed bucket's rows exactly once, and
 * again as revisions when OpenAI changes them. See docs/usage.md.
 */
export class OpenAiUsageTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OpenAI Usage Trigger',
		name: 'openAiUsageTrigger',
		icon: { light: 'file:../../icons/openai.svg', dark: 'file:../../icons/openai.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Usage: " + $parameter["queryType"]}}',
		description: 'Emits OpenAI usage and cost rows once per closed bucket, and revisions when OpenAI updates them',
		defaults: { name: 'OpenAI Usage Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: ADMIN_CREDENTIAL, required: true }],
		properties: [
			...usageQueryProperties({
				startHint: 'Empty: from when the workflow is activated (no history). A past date backfills, page by page',
				endHint: 'Empty: keep collecting',
			}),
			triggerOptionsProperty,
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollUsage(this);
	}
}
