import { ApiError, missingParameter } from '../../errors';
import { asObject, asString, isObject, type JsonObject } from './fields';
import type { Turn } from './responseInput';
import { TOKENS_PER_MESSAGE, countTokens } from './tokens';

/**
 * `prompt` (a reusable prompt template made in the dashboard): `{ id, version?, variables? }`.
 * The fake knows every ID of the form `pmpt_<letters or digits>` (anything else is a 404, as an
 * unknown template is live); its text is "Template <id> v<version>" followed by the variables
 * (`name=value`; an input_image or input_file variable counts as its file ID or URL). It becomes a
 * developer turn before the input, and the response echoes the prompt with the version used
 * (the latest, "1", when none is given).
 */
export interface PromptTemplate {
	echo: JsonObject;
	turn: Turn;
}

const PROMPT_ID = /^pmpt_[A-Za-z0-9]+$/;

export function readPrompt(value: unknown): PromptTemplate | null {
	if (value === undefined || value === null) return null;
	const prompt = asObject(value, 'prompt');
	if (prompt.id === undefined || prompt.id === null) throw missingParameter('prompt.id');
	const id = asString(prompt.id, 'prompt.id');
	if (!PROMPT_ID.test(id)) throw new ApiError(404, 'invalid_request_error', `Prompt with id '${id}' not found.`, 'prompt.id', null);
	const version = prompt.version === undefined || prompt.version === null ? '1' : asString(prompt.version, 'prompt.version');
	if (!/^\d+$/.test(version)) throw new ApiError(404, 'invalid_request_error', `Version '${version}' of prompt '${id}' not found.`, 'prompt.version', null);
	const variables: Record<string, unknown> = {};
	const parts: string[] = [];
	if (prompt.variables !== undefined && prompt.variables !== null) {
		for (const [name, raw] of Object.entries(asObject(prompt.variables, 'prompt.variables'))) {
			const param = `prompt.variables.${name}`;
			let text: string;
			if (typeof raw === 'string') text = raw;
			else if (isObject(raw) && raw.type === 'input_text') text = asString(raw.text, `${param}.text`);
			else if (isObject(raw) && (raw.type === 'input_image' || raw.type === 'input_file')) {
				text = String(raw.file_id ?? raw.image_url ?? raw.file_url ?? raw.filename ?? raw.type);
			} else throw new ApiError(400, 'invalid_request_error', `Invalid type for '${param}': expected a string or an input_text, input_image or input_file object.`, param, 'invalid_type');
			variables[name] = isObject(raw) && raw.type === 'input_image'
				? { type: 'input_image', image_url: raw.image_url ?? null, file_id: raw.file_id ?? null, detail: raw.detail ?? 'auto' }
				: raw;
			parts.push(`${name}=${text}`);
		}
	}
	const text = `Template ${id} v${version}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
	return {
		echo: { id, version, variables: Object.keys(variables).length > 0 ? variables : null },
		turn: { role: 'developer', text, tokens: TOKENS_PER_MESSAGE + countTokens(text) },
	};
}
