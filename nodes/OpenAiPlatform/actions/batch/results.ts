import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { Batch } from 'openai/resources/batches';

import { factsOf } from '../../../shared/shape';
import type { OpenAiTransport } from '../../../shared/transport/client';
import { looksLikeHtml, UnexpectedResponseError } from '../../../shared/transport/unexpectedResponse';
import { checkedBinary, isApiErrorObject } from '../shared/binaryAnswer';
import { inputError } from '../shared/errors';
import { resultFileRule } from './answer';
import { type BatchResult, collectResults, parseJsonl } from './batchLines';

/** Statuses after which the batch's files no longer change. */
export const FINAL_STATUSES = new Set<Batch['status']>(['completed', 'failed', 'expired', 'cancelled']);

/** Downloads the output and error files of a finished batch: one result per request. */
export async function fetchBatchResults(transport: OpenAiTransport, batch: Batch): Promise<BatchResult[]> {
	const read = async (fileId: string | null | undefined, label: string) => {
		if (!fileId) return [];
		const expected = `the ${label} of batch ${batch.id} (JSONL)`;
		const response = await checkedBinary(transport.client.files.content(fileId), expected, resultFileRule);
		const text = await response.text();
		if (looksLikeHtml(text.slice(0, 200))) throw new UnexpectedResponseError(expected, 'it is an HTML page, not JSONL', factsOf(response, text.slice(0, 4096)));
		if (isApiErrorObject(text)) {
			throw new UnexpectedResponseError(expected, 'it is an API error object sent with status 200, not result lines', factsOf(response, text));
		}
		const lines = parseJsonl(text, label);
		// A line that is not a result becomes that line's error; a file with no result line at all is not a results file.
		if (lines.length > 0 && lines.every((line) => line.error?.code === 'invalid_result_line')) {
			throw new UnexpectedResponseError(
				expected,
				`none of its ${lines.length} line${lines.length === 1 ? ' is a batch result line' : 's is a batch result line'} (${lines[0].error?.message ?? ''})`,
				factsOf(response, text.slice(0, 4096)),
			);
		}
		return lines;
	};
	const [output, errors] = await Promise.all([read(batch.output_file_id, 'output file'), read(batch.error_file_id, 'error file')]);
	return collectResults(output, errors);
}

/** Results can be read once the batch is over; a failed batch's validation errors are an error. */
export function assertResultsReady(n8n: IExecuteFunctions, itemIndex: number, batch: Batch): void {
	if (batch.status === 'failed') {
		const reasons = (batch.errors?.data ?? [])
			.slice(0, 5)
			.map((error) => `${error.line ? `line ${error.line}: ` : ''}${error.message ?? error.code ?? 'invalid'}`)
			.join('; ');
		throw inputError(
			n8n,
			itemIndex,
			`Batch ${batch.id} failed validation, so it has no results${reasons ? `: ${reasons}` : ''}`,
			'Fix the input file (each line: custom_id, method POST, the batch endpoint as url, one model) and create a new batch.',
		);
	}
	if (!FINAL_STATUSES.has(batch.status)) {
		throw inputError(
			n8n,
			itemIndex,
			`Batch ${batch.id} is still ${batch.status} (${progress(batch)}); its results are not ready yet`,
			'Try again later, or turn on "Wait for Completion" when creating the batch.',
		);
	}
}

export function progress(batch: Batch): string {
	const counts = batch.request_counts;
	if (!counts || !counts.total) return 'no requests done yet';
	return `${counts.completed + counts.failed} of ${counts.total} requests done`;
}

/** The JSON of one result item. */
export function resultJson(batch: Batch, result: BatchResult): IDataObject {
	return {
		custom_id: result.custom_id,
		itemIndex: result.itemIndex,
		batch_id: batch.id,
		status: result.status,
		status_code: result.status_code,
		request_id: result.request_id,
		response: result.response,
		error: result.error,
		usage: result.usage,
	};
}
