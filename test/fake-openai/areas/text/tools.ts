import { invalidEnumValue, missingParameter } from '../../errors';
import { asArray, asBoolean, asObject, asString, isObject, type JsonObject } from './fields';
import { findSchemaProblem } from './jsonSchema';
import { badRequest } from './requestErrors';

/**
 * Function tools (Chat Completions' nested form and the Responses API's flat form), tool_choice,
 * and which functions the fake "model" calls:
 * - tool_choice 'none': never; a named function: that one; 'required': the functions the last user
 *   message mentions by name, else the first tool; 'auto' (the default): the mentioned ones, else none.
 * - parallel_tool_calls false: at most one call.
 */
export interface FunctionTool {
	name: string;
	description?: string;
	/** the JSON schema of the arguments (null when not given) */
	parameters: JsonObject | null;
	strict: boolean | null;
}

export type ToolChoice =
	| { mode: 'none' | 'auto' | 'required' }
	| { mode: 'function'; name: string }
	/** a hosted tool of the Responses API, e.g. { type: 'web_search_preview' } */
	| { mode: 'hosted'; type: string };

const NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;
export const MAX_TOOLS = 128;

/** A function definition, validated; `prefix` is its parameter path, e.g. 'tools[0].function'. */
export function readFunctionDefinition(value: JsonObject, prefix: string, defaultStrict: boolean | null): FunctionTool {
	if (value.name === undefined || value.name === null) throw missingParameter(`${prefix}.name`);
	const name = asString(value.name, `${prefix}.name`);
	if (!NAME_PATTERN.test(name)) {
		throw badRequest(
			`Invalid '${prefix}.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`,
			`${prefix}.name`,
			'invalid_value',
		);
	}
	const strict = value.strict === undefined || value.strict === null ? defaultStrict : asBoolean(value.strict, `${prefix}.strict`);
	let parameters: JsonObject | null = null;
	if (value.parameters !== undefined && value.parameters !== null) {
		parameters = asObject(value.parameters, `${prefix}.parameters`);
		const problem = findSchemaProblem(parameters, strict === true);
		if (problem) {
			throw badRequest(`Invalid schema for function '${name}': ${problem}`, `${prefix}.parameters`, 'invalid_function_parameters');
		}
	}
	const description = typeof value.description === 'string' ? value.description : undefined;
	return { name, ...(description !== undefined ? { description } : {}), parameters, strict };
}

/** Chat Completions `tools`: [{ type: 'function', function: { name, description, parameters, strict } }]. */
export function readChatTools(value: unknown): FunctionTool[] {
	if (value === undefined || value === null) return [];
	const tools = asArray(value, 'tools', { max: MAX_TOOLS });
	return tools.map((entry, index) => {
		const prefix = `tools[${index}]`;
		const tool = asObject(entry, prefix);
		if (tool.type === undefined) throw missingParameter(`${prefix}.type`);
		const type = asString(tool.type, `${prefix}.type`);
		if (type !== 'function') throw invalidEnumValue(`${prefix}.type`, type, ['function', 'custom']);
		if (tool.function === undefined || tool.function === null) throw missingParameter(`${prefix}.function`);
		return readFunctionDefinition(asObject(tool.function, `${prefix}.function`), `${prefix}.function`, null);
	});
}

/** Chat Completions `tool_choice`: 'none' | 'auto' | 'required' | { type: 'function', function: { name } }. */
export function readChatToolChoice(value: unknown, tools: readonly FunctionTool[]): ToolChoice {
	return readToolChoice(value, tools, (choice) => {
		const fn = choice.function;
		return isObject(fn) && typeof fn.name === 'string' ? fn.name : undefined;
	});
}

/** Responses `tool_choice`: 'none' | 'auto' | 'required' | { type: 'function', name } | { type: <hosted tool> }. */
export function readResponsesToolChoice(value: unknown, tools: readonly FunctionTool[], hasHostedTools: boolean): ToolChoice {
	return readToolChoice(value, tools, (choice) => (typeof choice.name === 'string' ? choice.name : undefined), hasHostedTools);
}

function readToolChoice(
	value: unknown,
	tools: readonly FunctionTool[],
	nameOf: (choice: JsonObject) => string | undefined,
	hasHostedTools = false,
): ToolChoice {
	if (value === undefined || value === null) return { mode: 'auto' };
	if (tools.length === 0 && !hasHostedTools) {
		throw badRequest("Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.", 'tool_choice');
	}
	if (typeof value === 'string') {
		if (value !== 'none' && value !== 'auto' && value !== 'required') {
			throw invalidEnumValue('tool_choice', value, ['none', 'auto', 'required']);
		}
		return { mode: value };
	}
	const choice = asObject(value, 'tool_choice');
	if (typeof choice.type !== 'string') throw missingParameter('tool_choice.type');
	if (choice.type !== 'function') return { mode: 'hosted', type: choice.type };
	const name = nameOf(choice);
	if (name === undefined) throw missingParameter('tool_choice.function.name');
	if (!tools.some((tool) => tool.name === name)) {
		throw badRequest(`Invalid value for 'tool_choice': function '${name}' was not found in 'tools'.`, 'tool_choice', 'invalid_value');
	}
	return { mode: 'function', name };
}

/** The functions the fake model calls for this prompt (see the module comment). */
export function pickToolCalls(
	tools: readonly FunctionTool[],
	choice: ToolChoice,
	lastUserText: string,
	parallel: boolean,
): FunctionTool[] {
	if (tools.length === 0 || choice.mode === 'none' || choice.mode === 'hosted') return [];
	if (choice.mode === 'function') return tools.filter((tool) => tool.name === choice.name).slice(0, 1);
	const text = lastUserText.toLowerCase();
	const mentioned = tools.filter(
		(tool) => text.includes(tool.name.toLowerCase()) || text.includes(tool.name.toLowerCase().replace(/[_-]+/g, ' ')),
	);
	const calls = mentioned.length > 0 ? mentioned : choice.mode === 'required' ? [tools[0]] : [];
	return parallel ? calls : calls.slice(0, 1);
}
