import type { IDataObject } from 'n8n-workflow';

import type { FakeOpenAi } from '../fake-openai';
import { FAKE_KEYS, startFakeOpenAi } from '../fake-openai';
import { readImageInfo } from '../fake-openai/areas/media/imageCodecs';
import { runWorkflow } from '../harness';
import type { NodeSpec } from './workflows';
import { workflow } from './workflows';

/**
 * Response → Get Input Items, Count Input Tokens, Compact, and Create's newer option families:
 * prompt templates, include, truncation, max tool calls, parallel tool calls, the code interpreter,
 * image generation (images as binary) and remote MCP tools — and their bad input.
 */
let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi();
});
afterAll(async () => {
	await fake.stop();
});
beforeEach(() => fake.reset());

const credentials = () => ({ openAiPlatformApi: { apiKey: FAKE_KEYS.project, url: fake.url } });
const model = (value = 'gpt-4o-mini') => ({ __rl: true, mode: 'list', value });
const creates = () => fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/responses');
const bodyOf = (index = 0) => creates()[index].body as IDataObject;
const createParameters = { resource: 'response', operation: 'create', modelId: model(), inputType: 'text', input: '={{ $json.text }}' };

async function run(items: IDataObject[], parameters: IDataObject, spec: Partial<NodeSpec> = {}) {
	return await runWorkflow(workflow({ items, nodes: [{ ...spec, parameters }] }), { credentials: credentials() });
}
const create = async (items: IDataObject[], parameters: IDataObject = {}, spec: Partial<NodeSpec> = {}) => await run(items, { ...createParameters, ...parameters }, spec);

describe('Response → Get Input Items', () => {
	it('lists the input items of a stored response: newest first by default, Limit, Order, Return All across pages', async () => {
		const messages = Array.from({ length: 105 }, (_, i) => ({ role: 'user', content: `m${i}` }));
		const created = await run([{}], { ...createParameters, inputType: 'messages', messages: { values: messages } });
		const id = created.output('OpenAI')[0].json.id as string;
		const textOf = (item: { json: IDataObject }) => ((item.json.content as IDataObject[])[0] as IDataObject).text;

		const newest = await run([{ id }], { resource: 'response', operation: 'getInputItems', responseId: '={{ $json.id }}', limit: 3 });
		expect(newest.output('OpenAI').map(textOf)).toEqual(['m104', 'm103', 'm102']);
		expect(fake.requests.at(-1)).toMatchObject({ path: `/v1/responses/${id}/input_items`, query: { limit: '3' } });

		const all = await run([{ id }], { resource: 'response', operation: 'getInputItems', responseId: id, returnAll: true, options: { order: 'asc', include: ['message.input_image.image_url'] } });
		expect(all.output('OpenAI').map(textOf)).toEqual(messages.map((message) => message.content));
		const pages = fake.requests.filter((r) => r.path.endsWith('/input_items'));
		expect(pages.slice(1).map((page) => page.query)).toEqual([
			{ limit: '100', order: 'asc', include: ['message.input_image.image_url'] },
			{ limit: '100', order: 'asc', include: ['message.input_image.image_url'], after: all.output('OpenAI')[99].json.id },
		]);
	});
});

describe('Response → Count Input Tokens', () => {
	it('counts what the same Create would be billed as input, with instructions, tools and a previous response', async () => {
		const common = { instructions: 'Be brief', builtInTools: { webSearch: true } };
		const counted = await run([{ text: 'How many tokens is this?' }], { ...createParameters, ...common, operation: 'countInputTokens' });
		expect(counted.status).toBe('success');
		expect(fake.requests[0]).toMatchObject({ path: '/v1/responses/input_tokens', body: { model: 'gpt-4o-mini', input: 'How many tokens is this?', instructions: 'Be brief', tools: [{ type: 'web_search' }] } });
		const created = await create([{ text: 'How many tokens is this?' }], common);
		expect(counted.output('OpenAI')[0].json).toEqual({ model: 'gpt-4o-mini', input_tokens: (created.output('OpenAI')[0].json.usage as IDataObject).input_tokens });

		const id = created.output('OpenAI')[0].json.id as string;
		const follow = await run([{ text: 'And this?' }], { ...createParameters, operation: 'countInputTokens', options: { previousResponseId: id, truncation: 'auto', parallelToolCalls: false } });
		const continued = await create([{ text: 'And this?' }], { options: { previousResponseId: id } });
		expect(follow.output('OpenAI')[0].json.input_tokens).toBe((continued.output('OpenAI')[0].json.usage as IDataObject).input_tokens);
		expect(fake.requests.find((r) => r.path === '/v1/responses/input_tokens' && (r.body as IDataObject).previous_response_id)?.body).toMatchObject({ truncation: 'auto', parallel_tool_calls: false });
	});

	it('counts a conversation without new input', async () => {
		const conversation = await run([{}], { resource: 'conversation', operation: 'create', itemsType: 'text', text: 'Earlier words in the thread' });
		const id = conversation.output('OpenAI')[0].json.id as string;
		const counted = await run([{ text: '' }], { ...createParameters, operation: 'countInputTokens', options: { conversationId: id } });
		expect(counted.status).toBe('success');
		expect(fake.requests.at(-1)?.body).toEqual({ model: 'gpt-4o-mini', conversation: id });
		expect(counted.output('OpenAI')[0].json.input_tokens).toBe(3 + Math.ceil('Earlier words in the thread'.length / 4));
	});
});

describe('Response → Compact', () => {
	it('compacts a stored response and new input into items the next Create takes as input', async () => {
		const first = await create([{ text: 'Remember the launch checklist' }]);
		const id = first.output('OpenAI')[0].json.id as string;
		const compacted = await run([{ id, text: 'And the owners' }], { resource: 'response', operation: 'compact', modelId: model(), inputType: 'text', input: '={{ $json.text }}', options: { previousResponseId: '={{ $json.id }}' } });
		expect(compacted.status).toBe('success');
		expect(fake.requests.at(-1)).toMatchObject({ path: '/v1/responses/compact', body: { model: 'gpt-4o-mini', input: 'And the owners', previous_response_id: id } });
		const json = compacted.output('OpenAI')[0].json;
		expect((json.output as IDataObject[]).map((item) => item.type)).toEqual(['message', 'message', 'compaction']);
		expect(json.usage).toMatchObject({ input_tokens: expect.any(Number), output_tokens: 8, total_tokens: expect.any(Number) });

		// the compacted items continue the conversation as the next request's input (Input Type: Items (JSON))
		const next = await run([{ output: json.output }], { ...createParameters, inputType: 'json', inputJson: '={{ [...$json.output, { role: "user", content: "Go on" }] }}' });
		expect(next.status).toBe('success');
		expect((bodyOf(1).input as IDataObject[]).map((item) => item.type ?? item.role)).toEqual(['message', 'message', 'compaction', 'user']);
		expect(next.output('OpenAI')[0].json.output_text).toMatch(/^Echo: Go on \(turn 3\)/);
	});

	it('needs an input or a previous response', async () => {
		const result = await run([{}], { resource: 'response', operation: 'compact', modelId: model(), inputType: 'text', input: '' });
		expect(result.nodeError('OpenAI')?.message).toBe('The "Input" parameter is empty [item 0]');
		expect(fake.requests).toHaveLength(0);
	});
});

describe('Response → Create: prompt templates, include, truncation, tool-call limits', () => {
	it('sends a prompt template with version and variables; the input may then be empty', async () => {
		const result = await create([{ customer: 'Ada', text: '' }], {
			options: { promptId: 'pmpt_support', promptVersion: '2', promptVariables: { values: [{ name: 'customer', value: '={{ $json.customer }}' }, { name: 'tier', value: 3 }] } },
		});
		expect(result.status).toBe('success');
		expect(bodyOf()).toEqual({ model: 'gpt-4o-mini', prompt: { id: 'pmpt_support', version: '2', variables: { customer: 'Ada', tier: '3' } } });
		expect(result.output('OpenAI')[0].json.output_text).toMatch(/^Echo: Template pmpt_support v2: customer=Ada, tier=3/);
	});

	it('maps include, truncation, max tool calls and parallel tool calls', async () => {
		const result = await create([{ text: 'Search and compute' }], {
			builtInTools: { webSearch: true, codeInterpreter: true },
			options: { include: ['web_search_call.action.sources', 'code_interpreter_call.outputs'], truncation: 'auto', maxToolCalls: 1, parallelToolCalls: false },
		});
		expect(result.status).toBe('success');
		expect(bodyOf()).toMatchObject({
			include: ['web_search_call.action.sources', 'code_interpreter_call.outputs'],
			truncation: 'auto',
			max_tool_calls: 1,
			parallel_tool_calls: false,
		});
		expect((result.output('OpenAI')[0].json.tool_calls as IDataObject[]).map((call) => call.type)).toEqual(['web_search_call']);
	});

	it('include from an expression as comma-separated text', async () => {
		const result = await create([{ text: 'x' }], { options: { include: '={{ "reasoning.encrypted_content, message.output_text.logprobs" }}' } });
		expect(result.status).toBe('success');
		expect(bodyOf().include).toEqual(['reasoning.encrypted_content', 'message.output_text.logprobs']);
	});
});

describe('Response → Create: code interpreter, image generation, MCP', () => {
	it('code interpreter in a new container (files, memory) or an existing one; its call comes back under tool_calls', async () => {
		const fresh = await create([{ text: 'Count letters' }], {
			builtInTools: { codeInterpreter: true, codeInterpreterFileIds: 'file-a, file-b', codeInterpreterMemoryLimit: '4g' },
			options: { include: ['code_interpreter_call.outputs'] },
		});
		expect(bodyOf().tools).toEqual([{ type: 'code_interpreter', container: { type: 'auto', file_ids: ['file-a', 'file-b'], memory_limit: '4g' } }]);
		const [call] = fresh.output('OpenAI')[0].json.tool_calls as IDataObject[];
		expect(call).toMatchObject({ type: 'code_interpreter_call', outputs: [{ type: 'logs', logs: '13\n' }] });

		await create([{ text: 'Count letters' }], { builtInTools: { codeInterpreter: true, codeInterpreterContainerId: 'cntr_abc' } });
		expect(bodyOf(1).tools).toEqual([{ type: 'code_interpreter', container: 'cntr_abc' }]);
	});

	it('image generation: the image is a binary property (Simplify on), base64 in the JSON with Simplify off', async () => {
		const result = await create([{ text: 'Draw a lighthouse' }], {
			builtInTools: { imageGeneration: true, imageGenerationSize: '1536x1024', imageGenerationFormat: 'webp', imageGenerationQuality: 'low', imageGenerationBackground: 'opaque' },
		});
		expect(result.status).toBe('success');
		expect(bodyOf().tools).toEqual([{ type: 'image_generation', size: '1536x1024', output_format: 'webp', quality: 'low', background: 'opaque' }]);
		const [item] = result.output('OpenAI');
		const [call] = item.json.tool_calls as IDataObject[];
		expect(call).toEqual({ id: expect.stringMatching(/^ig_/), type: 'image_generation_call', status: 'completed', binary_property: 'image' });
		expect(item.binary?.image).toMatchObject({ mimeType: 'image/webp', fileName: `${String(call.id)}.webp` });
		const bytes = Buffer.from(item.binary?.image.data as string, 'base64');
		expect(readImageInfo(bytes)).toMatchObject({ format: 'webp', width: 1536, height: 1024 });

		const raw = await create([{ text: 'Draw a lighthouse' }], { builtInTools: { imageGeneration: true }, simplify: false });
		const output = raw.output('OpenAI')[0];
		expect(output.binary).toBeUndefined();
		expect(((output.json.output as IDataObject[])[0] as IDataObject).result).toEqual(expect.any(String));
	});

	it('MCP servers: tools with label, URL, allowed tools and approval; calls under tool_calls, approval requests under approval_requests', async () => {
		const result = await create([{ text: 'Please update the ticket' }], {
			builtInTools: {
				mcpServers: {
					values: [
						{ label: 'crm', url: 'https://mcp.example.com/crm', allowedTools: 'lookup, update', requireApproval: 'never' },
						{ label: 'docs', url: 'https://mcp.example.com/docs' },
					],
				},
			},
		});
		expect(result.status).toBe('success');
		expect(bodyOf().tools).toEqual([
			{ type: 'mcp', server_label: 'crm', server_url: 'https://mcp.example.com/crm', allowed_tools: ['lookup', 'update'], require_approval: 'never' },
			{ type: 'mcp', server_label: 'docs', server_url: 'https://mcp.example.com/docs', require_approval: 'always' },
		]);
		const json = result.output('OpenAI')[0].json;
		expect(json.tool_calls).toEqual([expect.objectContaining({ type: 'mcp_call', server_label: 'crm', name: 'update' })]);
		expect(json.approval_requests).toEqual([expect.objectContaining({ type: 'mcp_approval_request', server_label: 'docs', name: 'search', id: expect.stringMatching(/^mcpr_/) })]);
		expect(json.output_text).toBe('');
	});
});

describe('Response: bad input of the newer options', () => {
	const cases: Array<[string, IDataObject, IDataObject, string]> = [
		['Prompt Variables without Prompt ID', {}, { options: { promptVariables: { values: [{ name: 'a', value: 'b' }] } } }, 'The "Prompt Variables" option needs the "Prompt ID" option [item 0]'],
		['Prompt Version without Prompt ID', {}, { options: { promptVersion: '2' } }, 'The "Prompt Version" option needs the "Prompt ID" option [item 0]'],
		['a prompt variable without a name', {}, { options: { promptId: 'pmpt_a', promptVariables: { values: [{ name: '', value: 'b' }] } } }, 'Variable 1 of the "Prompt Variables" option has no name [item 0]'],
		['a prompt variable with braces', {}, { options: { promptId: 'pmpt_a', promptVariables: { values: [{ name: '{{name}}', value: 'b' }] } } }, 'The "Prompt Variables" name "{{name}}" is not a variable name [item 0]'],
		['a repeated prompt variable', {}, { options: { promptId: 'pmpt_a', promptVariables: { values: [{ name: 'a', value: '1' }, { name: 'a', value: '2' }] } } }, 'The "Prompt Variables" option repeats the variable "a" [item 0]'],
		['a prompt variable that is a list', {}, { options: { promptId: 'pmpt_a', promptVariables: { values: [{ name: 'a', value: '={{ [1, 2] }}' }] } } }, 'The value of the prompt variable "a" is a list, not text [item 0]'],
		['an empty input without a template', { text: '' }, {}, 'The "Input" parameter is empty [item 0]'],
		['input items that are not JSON', {}, { inputType: 'json', inputJson: '[{"role": "user"' }, 'The "Input Items (JSON)" parameter is not valid JSON: it ends too early at line 1, column 17 (a bracket, brace or quote is not closed) [item 0]'],
		['an input item without type or role', {}, { inputType: 'json', inputJson: '[{"content": "hi"}]' }, 'Item 1 of the "Input Items (JSON)" parameter has neither a "type" nor a "role" [item 0]'],
		['an unknown include', {}, { options: { include: '={{ ["everything"] }}' } }, 'The "Include" option has "everything", which OpenAI does not include [item 0]'],
		['an unknown truncation', {}, { options: { truncation: '={{ "sometimes" }}' } }, 'The "Truncation" option must be one of auto, disabled, not "sometimes" [item 0]'],
		['max tool calls of 0', {}, { options: { maxToolCalls: 0 } }, 'The "Max Tool Calls" option must be at least 1, not 0 [item 0]'],
		['parallel tool calls that is not a switch', {}, { options: { parallelToolCalls: '={{ "often" }}' } }, 'The "Parallel Tool Calls" option must be true or false, not "often" [item 0]'],
		['a conversation ID that is a list', {}, { options: { conversationId: '={{ ["conv_1"] }}' } }, 'The "Conversation ID" option must be an ID, not a list [item 0]'],
		['code interpreter settings without the tool', {}, { builtInTools: { codeInterpreterMemoryLimit: '4g' } }, 'The "Code Interpreter Memory Limit" option needs the "Code Interpreter" option on [item 0]'],
		['a container ID that is not one', {}, { builtInTools: { codeInterpreter: true, codeInterpreterContainerId: 'my box' } }, 'The "Code Interpreter Container ID" option "my box" is not a container ID [item 0]'],
		['files with an existing container', {}, { builtInTools: { codeInterpreter: true, codeInterpreterContainerId: 'cntr_a', codeInterpreterFileIds: 'file-1' } }, 'The "Code Interpreter File IDs" option only applies to a new container, not with "Code Interpreter Container ID" [item 0]'],
		['image settings without the tool', {}, { builtInTools: { imageGenerationSize: '1024x1024' } }, 'The "Image Generation Size" option needs the "Image Generation" option on [item 0]'],
		['a transparent JPEG', {}, { builtInTools: { imageGeneration: true, imageGenerationBackground: 'transparent', imageGenerationFormat: 'jpeg' } }, 'The "Image Generation Background" option is transparent but the "Image Generation Format" is JPEG [item 0]'],
		['an image size the tool does not have', {}, { builtInTools: { imageGeneration: true, imageGenerationSize: '={{ "10x10" }}' } }, 'The "Image Generation Size" option must be one of auto, 1024x1024, 1024x1536, 1536x1024, not "10x10" [item 0]'],
		['an MCP server without a label', {}, { builtInTools: { mcpServers: { values: [{ url: 'https://mcp.example.com' }] } } }, 'MCP server 1 of the "MCP Servers" option has no "Server Label" [item 0]'],
		['an MCP label with spaces', {}, { builtInTools: { mcpServers: { values: [{ label: 'my docs', url: 'https://mcp.example.com' }] } } }, 'The "Server Label" "my docs" of the "MCP Servers" option is not a valid label [item 0]'],
		['two MCP servers with one label', {}, { builtInTools: { mcpServers: { values: [{ label: 'a', url: 'https://a.example.com' }, { label: 'a', url: 'https://b.example.com' }] } } }, 'The "MCP Servers" option has the label "a" twice [item 0]'],
		['an MCP server without a URL', {}, { builtInTools: { mcpServers: { values: [{ label: 'docs' }] } } }, 'The MCP server "docs" has no "Server URL" [item 0]'],
		['an MCP URL that is not http(s)', {}, { builtInTools: { mcpServers: { values: [{ label: 'docs', url: 'ftp://mcp.example.com' }] } } }, 'The "Server URL" of the MCP server "docs" "ftp://mcp.example.com" is not an http(s) URL [item 0]'],
		['an MCP URL with a password', {}, { builtInTools: { mcpServers: { values: [{ label: 'docs', url: 'https://user:secret@mcp.example.com' }] } } }, 'The "Server URL" of the MCP server "docs" contains a user name or password [item 0]'],
		['an MCP allowed tool that is not a name', {}, { builtInTools: { mcpServers: { values: [{ label: 'docs', url: 'https://mcp.example.com', allowedTools: 'search, rm -rf' }] } } }, 'The "Allowed Tools" of the MCP server "docs" has "rm -rf", which is not a tool name [item 0]'],
	];

	it.each(cases)('%s: a NodeOperationError naming it and the item, no request', async (_name, item, parameters, message) => {
		const result = await create([{ text: 'x', ...item }], parameters);
		expect(result.status).toBe('error');
		const error = result.nodeError('OpenAI') as { name: string; message: string; description?: string; context?: { itemIndex?: number } };
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toBe(message);
		expect(error.description).toBeTruthy();
		expect(`${error.message} ${error.description}`).not.toContain('secret');
		expect(error.context?.itemIndex).toBe(0);
		expect(fake.requests).toHaveLength(0);
	});

	it('the item named is the one whose input is bad (item 1 of 2)', async () => {
		const result = await create([{ text: 'fine' }, { text: 'bad', tools: '={{ "x" }}' }], { options: { maxToolCalls: '={{ $json.text === "bad" ? -1 : 2 }}' } }, { onError: 'continueRegularOutput' });
		const [first, second] = result.output('OpenAI').map((item) => item.json);
		expect(first.output_text).toMatch(/^Echo: fine/);
		expect(second.error).toBe('The "Max Tool Calls" option must be at least 1, not -1 [item 1]');
	});
});
