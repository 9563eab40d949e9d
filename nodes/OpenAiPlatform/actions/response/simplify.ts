import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { Response } from 'openai/resources/responses/responses';

import { normaliseUsage } from '../../../shared/tokenUsage';
import { imageMimeType } from '../shared/mediaImage';
import { parseModelJson } from '../shared/modelJson';

/**
 * The answer without the envelope: the output text, the parsed JSON (JSON formats), the
 * citations, the built-in tool calls, MCP approval requests, the reasoning summary, id, status,
 * conversation and normalised usage.
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
	const approvals: IDataObject[] = [];
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
		} else if (item.type === 'mcp_approval_request') {
			approvals.push({ ...(item as unknown as IDataObject) });
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
	if (approvals.length > 0) out.approval_requests = approvals;
	if (summaries.length > 0) out.reasoning_summary = summaries.join('\n\n');
	out.id = response.id;
	out.status = response.status ?? null;
	out.model = response.model;
	if (response.conversation) out.conversation_id = response.conversation.id;
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

/**
 * The output item of Create, Get and Cancel: simplified (the "Simplify Output" switch) — generated
 * images then become binary properties (image, image_2, …) instead of base64 in the JSON — or the
 * response as is.
 */
export async function responseOutput(
	n8n: IExecuteFunctions,
	itemIndex: number,
	response: Response,
	wantsJson: boolean,
): Promise<INodeExecutionData> {
	const simplify = n8n.getNodeParameter('simplify', itemIndex, true) as boolean;
	if (!simplify) return { json: response as unknown as IDataObject };
	const json = simplifyResponse(n8n, itemIndex, response, wantsJson);
	const binary: IBinaryKeyData = {};
	for (const call of (json.tool_calls as IDataObject[] | undefined) ?? []) {
		if (call.type !== 'image_generation_call' || typeof call.result !== 'string' || call.result === '') continue;
		const count = Object.keys(binary).length;
		const property = count === 0 ? 'image' : `image_${count + 1}`;
		const format = imageFormatOf(response, call);
		binary[property] = await n8n.helpers.prepareBinaryData(
			Buffer.from(call.result, 'base64'),
			`${String(call.id ?? 'image')}.${format === 'jpeg' ? 'jpg' : format}`,
			imageMimeType(format),
		);
		delete call.result;
		call.binary_property = property;
	}
	return Object.keys(binary).length > 0 ? { json, binary } : { json };
}

/** The format the image generation tool was asked for (the call may say it too). */
function imageFormatOf(response: Response, call: IDataObject): string {
	if (typeof call.output_format === 'string') return call.output_format;
	const tool = (response.tools ?? []).find((entry) => entry.type === 'image_generation') as { output_format?: string } | undefined;
	return tool?.output_format ?? 'png';
}
