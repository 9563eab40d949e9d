import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ResponseIncludable } from 'openai/resources/responses/responses';

import { inputError } from '../shared/errors';
import { splitNames } from '../shared/values';

/** The extra fields a response (or a conversation's items) can carry when asked (`include`). */
export const INCLUDE_VALUES: Array<{ name: string; value: ResponseIncludable; description: string }> = [
	{ name: 'Code Interpreter Outputs', value: 'code_interpreter_call.outputs', description: 'The logs and files of code interpreter calls' },
	{ name: 'Computer Call Screenshots', value: 'computer_call_output.output.image_url', description: 'Image URLs of computer call outputs' },
	{ name: 'File Search Results', value: 'file_search_call.results', description: 'The chunks file search found' },
	{ name: 'Input Image URLs', value: 'message.input_image.image_url', description: 'The URLs of the input images' },
	{ name: 'Output Log Probabilities', value: 'message.output_text.logprobs', description: 'Log probabilities of the output tokens' },
	{ name: 'Reasoning Encrypted Content', value: 'reasoning.encrypted_content', description: 'The encrypted reasoning, to continue without storing responses' },
	{ name: 'Web Search Results', value: 'web_search_call.results', description: 'The results web search found' },
	{ name: 'Web Search Sources', value: 'web_search_call.action.sources', description: 'The sources web search read' },
];

export function includeProperty(description: string): INodeProperties {
	return {
		displayName: 'Include',
		name: 'include',
		type: 'multiOptions',
		options: INCLUDE_VALUES.map(({ name, value, description: what }) => ({ name, value, description: what })),
		default: [],
		description,
	};
}

/**
 * The `include` values of one item: a list from the picker, or (from an expression) a list or a
 * comma-separated text of the API's names. Unknown names are errors naming the field and the item.
 */
export function readInclude(
	n8n: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	kind: 'option' | 'parameter' = 'option',
): ResponseIncludable[] | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const list = Array.isArray(value) ? value : typeof value === 'string' ? splitNames(value) : [value];
	const allowed = new Set<string>(INCLUDE_VALUES.map((entry) => entry.value));
	for (const entry of list) {
		if (typeof entry !== 'string' || !allowed.has(entry)) {
			throw inputError(
				n8n,
				itemIndex,
				`The "Include" ${kind} has ${JSON.stringify(entry)}, which OpenAI does not include`,
				`Pick from the list, or use these names: ${[...allowed].join(', ')}.`,
			);
		}
	}
	const unique = [...new Set(list as ResponseIncludable[])];
	return unique.length > 0 ? unique : undefined;
}
