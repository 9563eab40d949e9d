import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { Tool } from 'openai/resources/responses/responses';

import { inputError } from '../shared/errors';
import { isPlainObject } from '../shared/json';
import { oneOf, splitNames } from '../shared/values';

/** Remote MCP servers the model may call tools of (OpenAI calls them; n8n never does). */
export const mcpServersOption: INodeProperties = {
	displayName: 'MCP Servers',
	name: 'mcpServers',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add MCP Server',
	default: {},
	description:
		'Remote MCP servers whose tools the model may call. OpenAI connects to them, so they must be reachable from the internet. Calls come back under "tool_calls", approval requests under "approval_requests".',
	options: [
		{
			displayName: 'Server',
			name: 'values',
			values: [
				{
					displayName: 'Allowed Tools',
					name: 'allowedTools',
					type: 'string',
					default: '',
					placeholder: 'e.g. search_docs, get_ticket',
					description: 'The tools the model may use, separated by commas. Empty: every tool the server offers.',
				},
				{
					displayName: 'Require Approval',
					name: 'requireApproval',
					type: 'options',
					options: [
						{ name: 'Always', value: 'always', description: 'Every call waits for an approval (OpenAI default)' },
						{ name: 'Never', value: 'never', description: 'The model calls the tools without asking' },
					],
					default: 'always',
					description: 'Whether a call needs your approval first; the response then ends with an approval request',
				},
				{
					displayName: 'Server Label',
					name: 'label',
					type: 'string',
					default: '',
					placeholder: 'e.g. docs',
					description: 'A short name for the server: a letter, then letters, digits, - or _',
				},
				{
					displayName: 'Server URL',
					name: 'url',
					type: 'string',
					default: '',
					placeholder: 'e.g. https://mcp.example.com/sse',
					description: 'The https:// address of the MCP server',
				},
			],
		},
	],
};

const LABEL = /^[A-Za-z][\w-]{0,63}$/;
const TOOL_NAME = /^[\w.-]{1,128}$/;

/** The MCP tools of one item's Built-in Tools: one per server, checked before anything is sent. */
export function readMcpServers(n8n: IExecuteFunctions, itemIndex: number, options: IDataObject): Tool[] {
	const servers = ((options.mcpServers as { values?: unknown[] } | undefined)?.values ?? []).filter(isPlainObject);
	const labels = new Set<string>();
	return servers.map((server, index): Tool => {
		const which = `MCP server ${index + 1}`;
		const fail = (message: string, fix: string) => inputError(n8n, itemIndex, message, fix);
		const label = typeof server.label === 'string' ? server.label.trim() : '';
		if (!label) throw fail(`${which} of the "MCP Servers" option has no "Server Label"`, 'Give every server a short label, e.g. docs.');
		if (!LABEL.test(label)) {
			throw fail(`The "Server Label" "${label.slice(0, 40)}" of the "MCP Servers" option is not a valid label`, 'Start with a letter; use letters, digits, - or _ (at most 64 characters).');
		}
		if (labels.has(label)) throw fail(`The "MCP Servers" option has the label "${label}" twice`, 'Give every server its own label.');
		labels.add(label);
		const url = typeof server.url === 'string' ? server.url.trim() : '';
		if (!url) throw fail(`The MCP server "${label}" has no "Server URL"`, 'Enter the https:// address of the MCP server.');
		const problem = urlProblem(url);
		if (problem) throw fail(`The "Server URL" of the MCP server "${label}" ${problem}`, 'Enter the https:// address of the MCP server, without a user name or password in it.');
		const tools = splitNames(String(server.allowedTools ?? ''));
		const badTool = tools.find((name) => !TOOL_NAME.test(name));
		if (badTool !== undefined) {
			throw fail(`The "Allowed Tools" of the MCP server "${label}" has "${badTool.slice(0, 40)}", which is not a tool name`, 'List tool names separated by commas, e.g. search_docs, get_ticket.');
		}
		const approval = oneOf(n8n, itemIndex, server.requireApproval, 'Require Approval', ['always', 'never']);
		return {
			type: 'mcp',
			server_label: label,
			server_url: url,
			...(tools.length > 0 ? { allowed_tools: tools } : {}),
			...(approval ? { require_approval: approval as 'always' | 'never' } : {}),
		};
	});
}

function urlProblem(text: string): string | undefined {
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return `"${text.slice(0, 60)}" is not a URL`;
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') return `"${text.slice(0, 60)}" is not an http(s) URL`;
	if (url.username || url.password) return 'contains a user name or password';
	return undefined;
}
