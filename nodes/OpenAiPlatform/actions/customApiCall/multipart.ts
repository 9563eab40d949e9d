import type { IExecuteFunctions } from 'n8n-workflow';

import { inputError } from '../shared/errors';
import { type BinaryInput, describeBinary, readBinaryInput, STREAM_UPLOADS_ABOVE_BYTES, storedChunks } from '../shared/mediaBinary';

/**
 * A multipart/form-data body of text fields and files from the item's binary properties. Files in
 * memory, or small ones, make a FormData (the SDK can send it again on a retry); a large file kept
 * in n8n's binary store (filesystem/S3 modes) is streamed from the store as the body is sent, so it
 * never sits in memory (such a request is not retried, like any streamed upload).
 */
export interface MultipartBody {
	body: FormData | AsyncIterable<Uint8Array>;
	/** the content type to send with a streamed body (FormData brings its own) */
	headers: Record<string, string>;
}

const FILES_PARAMETER = 'Form Files';

export async function buildMultipart(
	n8n: IExecuteFunctions,
	itemIndex: number,
	fields: Array<{ name: string; value: string }>,
	files: Array<{ name: string; property: string }>,
): Promise<MultipartBody> {
	for (const { name } of [...fields, ...files]) {
		if (/[\r\n"]/.test(name)) throw inputError(n8n, itemIndex, `The form field name ${JSON.stringify(name)} has a quote or a line break`, 'Use a plain field name, e.g. file or purpose.');
	}
	if (fields.length === 0 && files.length === 0) {
		throw inputError(n8n, itemIndex, 'The multipart body has no fields and no files', 'Add "Form Fields" or "Form Files", or pick None as the Body Type.');
	}
	const inputs: Array<{ name: string; input: BinaryInput }> = [];
	for (const { name, property } of files) inputs.push({ name, input: await describeBinary(n8n, itemIndex, property, FILES_PARAMETER) });
	if (inputs.some(({ input }) => input.binary.id && input.bytes > STREAM_UPLOADS_ABOVE_BYTES)) {
		const boundary = `----n8nOpenAiPlatform${Date.now().toString(36)}${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
		return { body: streamedForm(n8n, itemIndex, boundary, fields, inputs), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
	}
	const form = new FormData();
	for (const { name, value } of fields) form.append(name, value);
	for (const { name, input } of inputs) {
		const bytes = await readBinaryInput(n8n, itemIndex, input);
		form.append(name, new Blob([new Uint8Array(bytes)], { type: input.mimeType }), input.fileName);
	}
	return { body: form, headers: {} };
}

/** The form, written part by part as the request reads it; a stored file is opened only then. */
async function* streamedForm(
	n8n: IExecuteFunctions,
	itemIndex: number,
	boundary: string,
	fields: Array<{ name: string; value: string }>,
	files: Array<{ name: string; input: BinaryInput }>,
): AsyncGenerator<Uint8Array> {
	for (const { name, value } of fields) {
		yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
	}
	for (const { name, input } of files) {
		const fileName = input.fileName.replace(/[\r\n"]/g, '_');
		yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${fileName}"\r\nContent-Type: ${input.mimeType}\r\n\r\n`);
		if (input.binary.id) yield* storedChunks(n8n, input.binary.id);
		else yield await readBinaryInput(n8n, itemIndex, input);
		yield Buffer.from('\r\n');
	}
	yield Buffer.from(`--${boundary}--\r\n`);
}
