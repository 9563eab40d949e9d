import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { describeJsonError } from './json';

/**
 * Parses JSON the model produced (a JSON answer, a tool call's arguments). When it is not valid
 * JSON — usually because the answer was cut off by the token limit — the item fails with the
 * reason and the start of the text, instead of passing on a half answer.
 */
export function parseModelJson(
	n8n: IExecuteFunctions,
	itemIndex: number,
	text: string,
	what: string,
	finishReason?: string | null,
): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch (error) {
		const cutOff = finishReason === 'length' || finishReason === 'max_output_tokens';
		const cause = cutOff
			? 'the answer was cut off at the token limit; raise the max tokens option'
			: describeJsonError(text, error);
		const excerpt = text.length > 300 ? `${text.slice(0, 300)}…` : text;
		throw new NodeOperationError(n8n.getNode(), `The ${what} is not valid JSON: ${cause} [item ${itemIndex}]`, {
			itemIndex,
			description: `The model answered: ${excerpt}`,
		});
	}
}
