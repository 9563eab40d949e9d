import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { ChatCompletion, ChatCompletionMessageToolCall } from 'openai/resources/chat/completions';

import { normaliseUsage } from '../../../shared/tokenUsage';
import { parseModelJson } from '../shared/modelJson';
import type { ResponseFormat } from '../shared/responseFormat';

/**
 * The answer without the envelope: the first choice's message (text, refusal, parsed JSON, tool
 * calls with parsed arguments), why it stopped, the other choices when several were asked for,
 * and the normalised token usage.
 */
export function simplifyChatCompletion(
	n8n: IExecuteFunctions,
	itemIndex: number,
	completion: ChatCompletion,
	format: ResponseFormat,
): IDataObject {
	const [first, ...others] = (completion.choices ?? []).map((choice) =>
		simplifyChoice(n8n, itemIndex, choice, format),
	);
	const { index: _index, ...main } = first ?? { content: null, role: 'assistant', finish_reason: null };
	return {
		...main,
		...(others.length > 0 ? { choices: others } : {}),
		model: completion.model,
		id: completion.id,
		usage: normaliseUsage(completion.usage as unknown as IDataObject),
	};
}

function simplifyChoice(
	n8n: IExecuteFunctions,
	itemIndex: number,
	choice: ChatCompletion.Choice,
	format: ResponseFormat,
): IDataObject {
	const { message, finish_reason: finishReason } = choice;
	const out: IDataObject = {
		index: choice.index,
		content: message?.content ?? null,
		role: message?.role ?? 'assistant',
	};
	if (message?.refusal) out.refusal = message.refusal;
	const wantsJson = format.type !== 'text';
	if (wantsJson && typeof message?.content === 'string' && !message.refusal) {
		const what = choice.index > 0 ? `answer of choice ${choice.index}` : 'answer';
		out.parsed = parseModelJson(n8n, itemIndex, message.content, what, finishReason) as IDataObject;
	}
	if (message?.tool_calls?.length) {
		out.tool_calls = message.tool_calls.map((call) => simplifyToolCall(n8n, itemIndex, call, finishReason));
	}
	out.finish_reason = finishReason;
	if (choice.logprobs) out.logprobs = choice.logprobs as unknown as IDataObject;
	return out;
}

function simplifyToolCall(
	n8n: IExecuteFunctions,
	itemIndex: number,
	call: ChatCompletionMessageToolCall,
	finishReason: string | null,
): IDataObject {
	if (call.type === 'function') {
		const args = call.function.arguments?.trim() ? call.function.arguments : '{}';
		return {
			id: call.id,
			type: call.type,
			name: call.function.name,
			arguments: parseModelJson(
				n8n,
				itemIndex,
				args,
				`argument text of the call to "${call.function.name}"`,
				finishReason,
			) as IDataObject,
		};
	}
	return { ...(call as unknown as IDataObject) };
}
