import { base62Digest, hash32 } from '../../deterministic';
import { encodeImage } from '../media/imageCodecs';
import type { JsonObject } from './fields';
import type { CodeInterpreterTool, ImageGenerationTool, McpServer } from './hostedToolParams';

/**
 * What the hosted tools besides web and file search add to a response's output, deterministically
 * from the request:
 * - code_interpreter: a `code_interpreter_call` in the tool's container (or one the fake names for an
 *   `auto` container) whose code prints the length of the question; its logs only with
 *   `include: ['code_interpreter_call.outputs']`;
 * - image_generation: an `image_generation_call` whose `result` is a real solid-colour image (base64)
 *   in the tool's format and size (`auto`: 1024x1024);
 * - mcp: per server an `mcp_list_tools` item (the allowed tools, or `search` and `fetch`), then the
 *   first listed tool the question names (else the first one) is called (`mcp_call`) — or, when the
 *   approval policy asks for it and no `mcp_approval_response` approved it, an
 *   `mcp_approval_request` ends the turn without a message.
 * `budget.left` is what `max_tool_calls` still allows (every call item counts one).
 */
export interface HostedContext {
	query: string;
	seed: number;
	include: ReadonlySet<string>;
	budget: { left: number };
	/** the approval requests this input approved, by ID: the server and tool they were about */
	approved: ReadonlyMap<string, { label: string; name: string }>;
	newId(prefix: string, ...parts: Array<string | number>): string;
}

export interface HostedRun {
	items: JsonObject[];
	/** an approval request is open: the model stops before answering */
	awaitingApproval: boolean;
}

const DEFAULT_MCP_TOOLS = ['search', 'fetch'];

export function runHostedTools(
	tools: { codeInterpreter: CodeInterpreterTool | null; imageGeneration: ImageGenerationTool | null; mcp: McpServer[] },
	context: HostedContext,
): HostedRun {
	const items: JsonObject[] = [];
	let awaitingApproval = false;
	const spend = () => {
		if (context.budget.left <= 0) return false;
		context.budget.left--;
		return true;
	};
	if (tools.codeInterpreter && spend()) items.push(codeInterpreterCall(tools.codeInterpreter, context));
	if (tools.imageGeneration && spend()) items.push(imageGenerationCall(tools.imageGeneration, context));
	for (const server of tools.mcp) {
		const names = server.allowedTools && server.allowedTools.length > 0 ? server.allowedTools : DEFAULT_MCP_TOOLS;
		items.push({
			id: context.newId('mcpl_', server.label),
			type: 'mcp_list_tools',
			server_label: server.label,
			tools: names.map((name) => ({
				name,
				description: `${name} on ${server.label}`,
				input_schema: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'], additionalProperties: false },
				annotations: null,
			})),
			error: null,
		});
		const text = context.query.toLowerCase();
		const name = names.find((candidate) => text.includes(candidate.toLowerCase())) ?? names[0];
		const args = JSON.stringify({ query: context.query });
		const approval = [...context.approved.entries()].find(([, request]) => request.label === server.label && request.name === name)?.[0];
		if (!approval && needsApproval(server, name)) {
			items.push({ id: context.newId('mcpr_', server.label, name), type: 'mcp_approval_request', server_label: server.label, name, arguments: args });
			awaitingApproval = true;
			continue;
		}
		if (!spend()) continue;
		items.push({
			id: context.newId('mcp_', server.label, name),
			type: 'mcp_call',
			server_label: server.label,
			name,
			arguments: args,
			output: `${name} on ${server.label} found 3 results for "${context.query}"`,
			error: null,
			status: 'completed',
			approval_request_id: approval ?? null,
		});
	}
	return { items, awaitingApproval };
}

function needsApproval(server: McpServer, name: string): boolean {
	const { approval } = server;
	if (approval.mode === 'filter') return !approval.never.includes(name);
	return approval.mode === 'always';
}

function codeInterpreterCall(tool: CodeInterpreterTool, context: HostedContext): JsonObject {
	const literal = JSON.stringify(context.query);
	return {
		id: context.newId('ci_'),
		type: 'code_interpreter_call',
		status: 'completed',
		container_id: tool.containerId ?? `cntr_${base62Digest(48, 'container', context.seed)}`,
		code: `question = ${literal}\nprint(len(question))`,
		outputs: context.include.has('code_interpreter_call.outputs') ? [{ type: 'logs', logs: `${context.query.length}\n` }] : null,
	};
}

function imageGenerationCall(tool: ImageGenerationTool, context: HostedContext): JsonObject {
	const [width, height] = (tool.size === 'auto' ? '1024x1024' : tool.size).split('x').map(Number);
	const colour = hash32('image_generation', context.seed);
	const image = encodeImage(tool.format, width, height, {
		r: colour & 0xff,
		g: (colour >>> 8) & 0xff,
		b: (colour >>> 16) & 0xff,
		a: tool.background === 'transparent' ? 0 : 255,
	});
	return { id: context.newId('ig_'), type: 'image_generation_call', status: 'completed', result: image.toString('base64') };
}
