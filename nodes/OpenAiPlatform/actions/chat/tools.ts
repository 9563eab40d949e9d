import type { IExecuteFunctions } from 'n8n-workflow';
import type {
	ChatCompletionFunctionTool,
	ChatCompletionToolChoiceOption,
} from 'openai/resources/chat/completions';

import { inputError } from '../shared/errors';
import { isPlainObject } from '../shared/json';

const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const TOOLS_FIX =
	'Write a JSON array of functions, e.g. [{"name": "get_weather", "description": "Weather of a city", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}]. The full form {"type": "function", "function": {…}} works too.';

/**
 * The function tools from the "Tools" option: a JSON array (or a single object) of definitions
 * in OpenAI's full form `{type: 'function', function: {…}}` or the short form `{name, description,
 * parameters}`. Returns undefined when there are none.
 */
export function toFunctionTools(
	n8n: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
): ChatCompletionFunctionTool[] | undefined {
	if (value === undefined) return undefined;
	const list = Array.isArray(value) ? value : [value];
	if (list.length === 0) return undefined;
	const names = new Set<string>();
	return list.map((entry, index) => {
		const number = index + 1;
		const fail = (problem: string) =>
			inputError(n8n, itemIndex, `Tool ${number} of the "Tools" option ${problem}`, TOOLS_FIX);
		if (!isPlainObject(entry)) throw fail('is not a JSON object');
		let definition: Record<string, unknown>;
		if (entry.type === 'function' && isPlainObject(entry.function)) {
			definition = entry.function;
		} else if (entry.type === undefined || entry.type === 'function') {
			const { type: _type, ...rest } = entry;
			definition = rest;
		} else {
			throw fail(`has type ${JSON.stringify(entry.type)}; only function tools are supported here`);
		}
		const name = definition.name;
		if (typeof name !== 'string' || name === '') throw fail('has no "name"');
		if (!FUNCTION_NAME.test(name)) {
			throw fail(`has the name "${name}"; use 1–64 letters, digits, _ or -`);
		}
		if (names.has(name)) throw fail(`repeats the name "${name}"`);
		names.add(name);
		if (definition.parameters !== undefined && !isPlainObject(definition.parameters)) {
			throw fail(`("${name}") has "parameters" that are not a JSON Schema object`);
		}
		if (definition.description !== undefined && typeof definition.description !== 'string') {
			throw fail(`("${name}") has a "description" that is not text`);
		}
		return { type: 'function', function: { ...definition, name } } as ChatCompletionFunctionTool;
	});
}

/** "auto", "none", "required", or the name of one of the tools (which forces that function). */
export function toToolChoice(
	n8n: IExecuteFunctions,
	itemIndex: number,
	value: string | undefined,
	tools: ChatCompletionFunctionTool[] | undefined,
): ChatCompletionToolChoiceOption | undefined {
	const choice = (value ?? '').trim();
	if (choice === '') return undefined;
	if (!tools) {
		if (choice === 'auto' || choice === 'none') return undefined;
		throw inputError(
			n8n,
			itemIndex,
			`The "Tool Choice" option is "${choice}" but the "Tools" option has no tools`,
			'Add function definitions in "Tools", or remove "Tool Choice".',
		);
	}
	if (choice === 'auto' || choice === 'none' || choice === 'required') return choice;
	const names = tools.map((tool) => tool.function.name);
	if (!names.includes(choice)) {
		throw inputError(
			n8n,
			itemIndex,
			`The "Tool Choice" option names the function "${choice}", which is not in the "Tools" option`,
			`Use auto, none, required, or one of: ${names.join(', ')}.`,
		);
	}
	return { type: 'function', function: { name: choice } };
}
