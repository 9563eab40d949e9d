import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Response } from 'openai/resources/responses/responses';

import { normaliseUsage } from '../../../shared/tokenUsage';
import { parseModelJson } from '../shared/modelJson';

/**
 * The answer without the envelope: the output text, the parsed JSON (JSON formats), the
 * citations, the built-in tool calls, the reasoning summary, id, status and normalised usage.
 */
export function simplifyResponse(
	n8n: IExecuteFunctions,
	itemIndex: number,
	response: Response,
	wantsJson: boolean,
): IDataObject {
	const texts: string[] = [];
	const refusals: string[] = [];
	const annotations: IDataObject[] = [];
	const toolCalls: IDataObject[] = [];
	const summaries: string[] = [];
	for (const item of response.output ?? []) {
		if (item.type === 'message') {
			for (const part of item.content ?? []) {
				if (part.type === 'output_text') {
					texts.push(part.text);
					annotations.push(...((part.annotations ?? []) as unknown as IDataObject[]));
				} else if (part.type === 'refusal') {
					refusals.push(part.refusal);
				}
			}
		} else if (item.type === 'reasoning') {
			for (const summary of item.summary ?? []) summaries.push(summary.text);
		} else if (item.type.endsWith('_call')) {
			toolCalls.push({ ...(item as unknown as IDataObject) });
		}
	}

	const outputText = texts.join('');
	const out: IDataObject = { output_text: outputText };
	if (refusals.length > 0) out.refusal = refusals.join('\n');
	if (wantsJson && refusals.length === 0 && outputText.trim() !== '' && response.status !== 'failed') {
		const stoppedBy = response.status === 'incomplete' ? response.incomplete_details?.reason : undefined;
		out.parsed = parseModelJson(n8n, itemIndex, outputText, 'answer', stoppedBy) as IDataObject;
	}
	if (annotations.length > 0) out.annotations = annotations;
	if (toolCalls.length > 0) out.tool_calls = toolCalls;
	if (summaries.length > 0) out.reasoning_summary = summaries.join('\n\n');
	out.id = response.id;
	out.status = response.status ?? null;
	out.model = response.model;
	if (response.incomplete_details) out.incomplete_details = { ...response.incomplete_details };
	if (response.error) out.error = { ...response.error };
	out.usage = normaliseUsage(response.usage as unknown as IDataObject);
	return out;
}

/** Whether a response was asked for as JSON (from its echoed text format). */
export function askedForJson(response: Response): boolean {
	const type = response.text?.format?.type;
	return type === 'json_schema' || type === 'json_object';
}

/** The output item of Create and Get: simplified (the "Simplify Output" switch) or the response as is. */
export function responseOutput(
	n8n: IExecuteFunctions,
	itemIndex: number,
	response: Response,
	wantsJson: boolean,
): IDataObject {
	const simplify = n8n.getNodeParameter('simplify', itemIndex, true) as boolean;
	return simplify
		? simplifyResponse(n8n, itemIndex, response, wantsJson)
		: (response as unknown as IDataObject);
}
