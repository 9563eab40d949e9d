import { invalidEnumValue, missingParameter } from '../../errors';
import { asArray, asBoolean, asEnum, asInteger, asObject, asString, isObject, type JsonObject } from './fields';
import { badRequest } from './requestErrors';

/**
 * The request side of the hosted tools the fake runs besides web and file search:
 * `code_interpreter` (a container ID or `{type: 'auto', file_ids, memory_limit}`),
 * `image_generation` (size, quality, format, background as the spec lists them) and `mcp`
 * (a remote server: label, URL, allowed tools, approval policy). Checked with the live API's 400s.
 */
export interface CodeInterpreterTool {
	/** the container the code runs in: the one given, or one the fake names for an `auto` container */
	containerId: string | null;
}

export interface ImageGenerationTool {
	format: 'png' | 'jpeg' | 'webp';
	size: string;
	quality: string;
	background: string;
}

export interface McpServer {
	label: string;
	url: string;
	/** the tools the model may use (null: every tool the server lists) */
	allowedTools: string[] | null;
	/** 'always' (the default, as live), 'never', or per tool */
	approval: { mode: 'always' | 'never' } | { mode: 'filter'; never: string[] };
}

export type HostedTool =
	| { kind: 'code_interpreter'; tool: CodeInterpreterTool; echo: JsonObject }
	| { kind: 'image_generation'; tool: ImageGenerationTool; echo: JsonObject }
	| { kind: 'mcp'; tool: McpServer; echo: JsonObject };

const MEMORY_LIMITS = ['1g', '4g', '16g', '64g'] as const;
const IMAGE_SIZES = ['1024x1024', '1024x1536', '1536x1024', 'auto'] as const;
const IMAGE_QUALITIES = ['low', 'medium', 'high', 'auto'] as const;
const IMAGE_FORMATS = ['png', 'webp', 'jpeg'] as const;
const IMAGE_BACKGROUNDS = ['transparent', 'opaque', 'auto'] as const;
const LABEL = /^[a-zA-Z][a-zA-Z0-9_-]{0,63}$/;

export function readHostedTool(type: HostedTool['kind'], tool: JsonObject, prefix: string): HostedTool {
	if (type === 'code_interpreter') return readCodeInterpreter(tool, prefix);
	if (type === 'image_generation') return readImageGeneration(tool, prefix);
	return readMcp(tool, prefix);
}

function readCodeInterpreter(tool: JsonObject, prefix: string): HostedTool {
	if (tool.container === undefined || tool.container === null) throw missingParameter(`${prefix}.container`);
	if (typeof tool.container === 'string') {
		if (!/^cntr_\w+$/.test(tool.container)) {
			throw badRequest(`Container with id '${tool.container}' not found.`, `${prefix}.container`, 'invalid_value');
		}
		return { kind: 'code_interpreter', tool: { containerId: tool.container }, echo: { type: 'code_interpreter', container: tool.container } };
	}
	const container = asObject(tool.container, `${prefix}.container`);
	asEnum(container.type, `${prefix}.container.type`, ['auto']);
	const fileIds = container.file_ids === undefined || container.file_ids === null
		? []
		: asArray(container.file_ids, `${prefix}.container.file_ids`).map((id, index) => asString(id, `${prefix}.container.file_ids[${index}]`));
	const memory = container.memory_limit === undefined || container.memory_limit === null
		? null
		: asEnum(container.memory_limit, `${prefix}.container.memory_limit`, MEMORY_LIMITS);
	return {
		kind: 'code_interpreter',
		tool: { containerId: null },
		echo: { type: 'code_interpreter', container: { type: 'auto', file_ids: fileIds, ...(memory ? { memory_limit: memory } : {}) } },
	};
}

function readImageGeneration(tool: JsonObject, prefix: string): HostedTool {
	const pick = <T extends string>(name: string, values: readonly T[], fallback: T): T =>
		tool[name] === undefined || tool[name] === null ? fallback : asEnum(tool[name], `${prefix}.${name}`, values);
	const size = pick('size', IMAGE_SIZES, 'auto');
	const quality = pick('quality', IMAGE_QUALITIES, 'auto');
	const format = pick('output_format', IMAGE_FORMATS, 'png');
	const background = pick('background', IMAGE_BACKGROUNDS, 'auto');
	if (background === 'transparent' && format === 'jpeg') {
		throw badRequest("Transparent background is not supported for output_format 'jpeg'.", `${prefix}.background`, 'invalid_value');
	}
	if (tool.output_compression !== undefined && tool.output_compression !== null) asInteger(tool.output_compression, `${prefix}.output_compression`, { min: 0, max: 100 });
	if (tool.model !== undefined && tool.model !== null) asString(tool.model, `${prefix}.model`);
	return {
		kind: 'image_generation',
		tool: { format, size, quality, background },
		echo: { ...tool, type: 'image_generation', size, quality, output_format: format, background },
	};
}

function readMcp(tool: JsonObject, prefix: string): HostedTool {
	if (tool.server_label === undefined || tool.server_label === null) throw missingParameter(`${prefix}.server_label`);
	const label = asString(tool.server_label, `${prefix}.server_label`);
	if (!LABEL.test(label)) {
		throw badRequest(
			`Invalid '${prefix}.server_label': '${label}'. It must start with a letter and contain only letters, digits, '-' and '_' (at most 64 characters).`,
			`${prefix}.server_label`,
			'invalid_value',
		);
	}
	if (tool.connector_id !== undefined && tool.connector_id !== null) {
		throw badRequest('Connectors are not available on this server: give a server_url.', `${prefix}.connector_id`, 'invalid_value');
	}
	if (tool.server_url === undefined || tool.server_url === null) throw missingParameter(`${prefix}.server_url`);
	const url = asString(tool.server_url, `${prefix}.server_url`);
	if (!isHttpUrl(url)) {
		throw badRequest(`Invalid '${prefix}.server_url': '${url}' is not an http(s) URL.`, `${prefix}.server_url`, 'invalid_value');
	}
	let allowedTools: string[] | null = null;
	if (tool.allowed_tools !== undefined && tool.allowed_tools !== null) {
		if (Array.isArray(tool.allowed_tools)) {
			allowedTools = tool.allowed_tools.map((name, index) => asString(name, `${prefix}.allowed_tools[${index}]`));
		} else {
			const filter = asObject(tool.allowed_tools, `${prefix}.allowed_tools`);
			if (filter.read_only !== undefined && filter.read_only !== null) asBoolean(filter.read_only, `${prefix}.allowed_tools.read_only`);
			allowedTools = filter.tool_names === undefined || filter.tool_names === null
				? null
				: asArray(filter.tool_names, `${prefix}.allowed_tools.tool_names`).map((name, index) => asString(name, `${prefix}.allowed_tools.tool_names[${index}]`));
		}
	}
	const approval = readApproval(tool.require_approval, `${prefix}.require_approval`);
	if (tool.headers !== undefined && tool.headers !== null) {
		const headers = asObject(tool.headers, `${prefix}.headers`);
		for (const [name, value] of Object.entries(headers)) asString(value, `${prefix}.headers.${name}`);
	}
	const { headers: _headers, authorization: _authorization, ...echo } = tool;
	return { kind: 'mcp', tool: { label, url, allowedTools, approval }, echo: { ...echo, type: 'mcp', server_label: label, server_url: url } };
}

function readApproval(value: unknown, param: string): McpServer['approval'] {
	if (value === undefined || value === null) return { mode: 'always' };
	if (typeof value === 'string') {
		if (value !== 'always' && value !== 'never') throw invalidEnumValue(param, value, ['always', 'never']);
		return { mode: value };
	}
	const filter = asObject(value, param);
	const never = isObject(filter.never) && Array.isArray(filter.never.tool_names)
		? filter.never.tool_names.map((name, index) => asString(name, `${param}.never.tool_names[${index}]`))
		: [];
	return { mode: 'filter', never };
}

function isHttpUrl(text: string): boolean {
	try {
		const url = new URL(text);
		return url.protocol === 'https:' || url.protocol === 'http:';
	} catch {
		return false;
	}
}
