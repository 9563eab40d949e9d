import type { WorkflowJson } from '../test/harness';

export const CHAT_NODE = 'OpenAI';

/** Manual trigger → N items → Chat → Message a model with each item's question (Continue On Fail on). */
export function chatItemsWorkflow(count: number, requestOptions: Record<string, unknown> = {}): WorkflowJson {
	const items = Array.from({ length: count }, (_, i) => ({ question: `Summarise row ${i}: the quick brown fox jumps over the lazy dog.` }));
	return {
		name: 'bench: chat items',
		nodes: [
			{ name: 'Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
			{ name: 'Items', type: 'test.items', typeVersion: 1, parameters: { items: JSON.stringify(items) } },
			{
				name: CHAT_NODE,
				type: 'n8n-nodes-openai-platform.openAiPlatform',
				typeVersion: 1,
				continueOnFail: true,
				parameters: {
					resource: 'chat',
					operation: 'message',
					modelId: { __rl: true, mode: 'id', value: 'gpt-4o-mini' },
					messages: { values: [{ role: 'user', content: '={{ $json.question }}' }] },
					requestOptions,
				},
				credentials: { openAiPlatformApi: { id: 'bench', name: 'bench' } },
			},
		],
		connections: {
			Trigger: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: CHAT_NODE, type: 'main', index: 0 }]] },
		},
	};
}
