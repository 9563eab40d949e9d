import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ResponsePrompt } from 'openai/resources/responses/responses';

import { inputError } from '../shared/errors';
import { isPlainObject } from '../shared/json';

/**
 * A prompt template made in OpenAI's dashboard (Prompt ID, Version, Variables): options of Response
 * → Create. With a template the input may be left empty.
 */
export const promptTemplateOptions: INodeProperties[] = [
	{
		displayName: 'Prompt ID',
		name: 'promptId',
		type: 'string',
		default: '',
		placeholder: 'e.g. pmpt_68b0e4f1c2d88190a6',
		description: 'Use a prompt template from the OpenAI dashboard: its ID (pmpt_…). The Input may then be left empty.',
	},
	{
		displayName: 'Prompt Variables',
		name: 'promptVariables',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Variable',
		default: {},
		description: 'With Prompt ID: the values of the template\'s {{variables}}',
		options: [
			{
				displayName: 'Variable',
				name: 'values',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'The variable as the template names it, without braces' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'Its text' },
				],
			},
		],
	},
	{
		displayName: 'Prompt Version',
		name: 'promptVersion',
		type: 'string',
		default: '',
		placeholder: 'e.g. 3',
		description: 'With Prompt ID: the version of the template to use (empty: its current version)',
	},
];

const VARIABLE_NAME = /^[A-Za-z_][\w.-]*$/;
const PART_TYPES = new Set(['input_text', 'input_image', 'input_file']);

/** The `prompt` field from the options of one item; undefined without a Prompt ID. */
export function readPromptTemplate(n8n: IExecuteFunctions, itemIndex: number, options: IDataObject): ResponsePrompt | undefined {
	const fail = (message: string, fix: string) => inputError(n8n, itemIndex, message, fix);
	const text = (value: unknown, displayName: string): string => {
		if (value === undefined || value === null) return '';
		if (typeof value === 'string') return value.trim();
		if (typeof value === 'number') return String(value);
		throw fail(`The "${displayName}" option must be text, not ${Array.isArray(value) ? 'a list' : typeof value}`, `Enter the ${displayName.toLowerCase()} as text.`);
	};
	const id = text(options.promptId, 'Prompt ID');
	const version = text(options.promptVersion, 'Prompt Version');
	const entries = ((options.promptVariables as { values?: unknown[] } | undefined)?.values ?? []).filter(isPlainObject);
	if (!id) {
		if (version || entries.length > 0) {
			throw fail(
				`The "${version ? 'Prompt Version' : 'Prompt Variables'}" option needs the "Prompt ID" option`,
				'Add "Prompt ID" with the ID of the template (pmpt_…), or remove the other prompt options.',
			);
		}
		return undefined;
	}
	if (/\s/.test(id)) throw fail(`The "Prompt ID" option "${id.slice(0, 40)}" contains spaces`, 'Copy the template ID (pmpt_…) from the OpenAI dashboard.');
	const variables: NonNullable<ResponsePrompt['variables']> = {};
	for (const [index, entry] of entries.entries()) {
		const name = typeof entry.name === 'string' ? entry.name.trim() : '';
		if (!name) throw fail(`Variable ${index + 1} of the "Prompt Variables" option has no name`, 'Enter the variable name as the template writes it, without braces.');
		if (!VARIABLE_NAME.test(name)) {
			throw fail(`The "Prompt Variables" name "${name.slice(0, 40)}" is not a variable name`, 'Use letters, digits, _ , . or - (starting with a letter or _), without braces.');
		}
		if (name in variables) throw fail(`The "Prompt Variables" option repeats the variable "${name}"`, 'Give every variable one value.');
		variables[name] = variableValue(entry.value, name, fail);
	}
	return { id, ...(version ? { version } : {}), ...(entries.length > 0 ? { variables } : {}) };
}

type Fail = (message: string, fix: string) => Error;

/** Text as it is; numbers and true/false as text; an input_text/input_image/input_file object as it is. */
function variableValue(value: unknown, name: string, fail: Fail): NonNullable<ResponsePrompt['variables']>[string] {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (isPlainObject(value) && typeof value.type === 'string' && PART_TYPES.has(value.type)) {
		return value as unknown as NonNullable<ResponsePrompt['variables']>[string];
	}
	throw fail(
		`The value of the prompt variable "${name}" is ${Array.isArray(value) ? 'a list' : 'an object'}, not text`,
		'Give text, or an object {"type": "input_image", "image_url": "https://…"} (or input_text / input_file) for a template variable that takes an image or file.',
	);
}
