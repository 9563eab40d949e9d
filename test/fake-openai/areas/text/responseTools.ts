import { invalidEnumValue, missingParameter } from '../../errors';
import { asArray, asInteger, asObject, asString, type JsonObject } from './fields';
import { readHostedTool, type CodeInterpreterTool, type ImageGenerationTool, type McpServer } from './hostedToolParams';
import { badRequest } from './requestErrors';
import { MAX_TOOLS, readFunctionDefinition, type FunctionTool } from './tools';

/**
 * Responses API `tools`: function tools (flat form, strict by default, as live) and the hosted
 * tools the fake simulates: web_search / web_search_preview (a web_search_call item and a
 * url_citation), file_search (a file_search_call item, results when `include` asks, and a
 * file_citation), code_interpreter, image_generation and remote MCP servers (see hostedTools.ts).
 * `echo` is the tool as the response object lists it.
 */
export interface ResponseTools {
	functions: FunctionTool[];
	webSearch: boolean;
	/** vector store IDs of the file_search tool (null when there is none) */
	fileSearch: { vectorStoreIds: string[]; maxResults: number } | null;
	codeInterpreter: CodeInterpreterTool | null;
	imageGeneration: ImageGenerationTool | null;
	mcp: McpServer[];
	echo: JsonObject[];
}

const WEB_SEARCH_TYPES = ['web_search', 'web_search_2025_08_26', 'web_search_preview', 'web_search_preview_2025_03_11'];
const HOSTED_TYPES = ['code_interpreter', 'image_generation', 'mcp'];
const SUPPORTED_TYPES = ['function', 'file_search', ...WEB_SEARCH_TYPES, ...HOSTED_TYPES];

export function readResponseTools(value: unknown): ResponseTools {
	const tools: ResponseTools = { functions: [], webSearch: false, fileSearch: null, codeInterpreter: null, imageGeneration: null, mcp: [], echo: [] };
	if (value === undefined || value === null) return tools;
	asArray(value, 'tools', { max: MAX_TOOLS }).forEach((entry, index) => {
		const prefix = `tools[${index}]`;
		const tool = asObject(entry, prefix);
		if (tool.type === undefined || tool.type === null) throw missingParameter(`${prefix}.type`);
		const type = asString(tool.type, `${prefix}.type`);
		if (!SUPPORTED_TYPES.includes(type)) throw invalidEnumValue(`${prefix}.type`, type, SUPPORTED_TYPES);
		if (type === 'function') {
			const fn = readFunctionDefinition(tool, prefix, true);
			tools.functions.push(fn);
			tools.echo.push({ type, name: fn.name, description: fn.description ?? null, parameters: fn.parameters, strict: fn.strict });
		} else if (type === 'file_search') {
			if (tool.vector_store_ids === undefined || tool.vector_store_ids === null) throw missingParameter(`${prefix}.vector_store_ids`);
			const vectorStoreIds = asArray(tool.vector_store_ids, `${prefix}.vector_store_ids`, { nonEmpty: true }).map((id, position) =>
				asString(id, `${prefix}.vector_store_ids[${position}]`),
			);
			const maxResults = tool.max_num_results === undefined || tool.max_num_results === null
				? 10
				: asInteger(tool.max_num_results, `${prefix}.max_num_results`, { min: 1, max: 50 });
			tools.fileSearch = { vectorStoreIds, maxResults };
			tools.echo.push({ ...tool, type, vector_store_ids: vectorStoreIds, max_num_results: maxResults });
		} else if (HOSTED_TYPES.includes(type)) {
			const hosted = readHostedTool(type as 'code_interpreter' | 'image_generation' | 'mcp', tool, prefix);
			if (hosted.kind === 'code_interpreter') tools.codeInterpreter = hosted.tool;
			else if (hosted.kind === 'image_generation') tools.imageGeneration = hosted.tool;
			else {
				if (tools.mcp.some((server) => server.label === hosted.tool.label)) {
					throw badRequest(`Duplicate MCP server_label '${hosted.tool.label}': every MCP tool needs its own label.`, `${prefix}.server_label`, 'invalid_value');
				}
				tools.mcp.push(hosted.tool);
			}
			tools.echo.push(hosted.echo);
		} else {
			tools.webSearch = true;
			tools.echo.push({ ...tool, type, search_context_size: tool.search_context_size ?? 'medium' });
		}
	});
	return tools;
}
