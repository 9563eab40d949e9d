import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { toFile, toStreamingFile, type Uploadable } from 'openai/uploads';

import { requireBinary } from '../../../shared/binary';
import { nodeStreamOf, type NodeReadable } from '../../../shared/transport/n8nFetch';
import { inputError } from './errors';

/**
 * Binary data in and out of media operations: one item's file with its name, type and size (read
 * from n8n's metadata, never by loading the file), size and type checks before anything is sent,
 * the SDK upload value (a stream in n8n's filesystem/S3 binary modes), binary response bodies (n8n's
 * response stream, written straight into the binary store), and binary output items.
 */
export interface BinaryInput {
	binary: IBinaryData;
	propertyName: string;
	/** the parameter's display name, for error messages */
	parameter: string;
	fileName: string;
	mimeType: string;
	bytes: number;
}

export const MB = 1024 * 1024;

/** Files above this size are streamed to OpenAI when n8n keeps binary data outside the item. */
export const STREAM_UPLOADS_ABOVE_BYTES = 4 * MB;

/** The "Input Data Field Name" parameter most operations use. */
export function binaryInputProperty(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Input Data Field Name',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		placeholder: 'e.g. data',
		hint: 'The name of the input field containing the binary file data to be processed',
		description: 'The binary property of the input item that holds the file',
		...overrides,
	};
}

/** "Put Output in Field": where a produced file goes in the output item. */
export const binaryOutputOption: INodeProperties = {
	displayName: 'Put Output in Field',
	name: 'binaryPropertyOutput',
	type: 'string',
	default: 'data',
	description: 'The binary property of the output item to put the file in',
};

/** The item's file under the given property: name, MIME type and size, or a clear error. */
export async function describeBinary(
	n8n: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	parameter: string,
): Promise<BinaryInput> {
	const binary = requireBinary(n8n, itemIndex, propertyName, parameter);
	const name = propertyName.trim();
	let bytes = typeof binary.bytes === 'number' ? binary.bytes : undefined;
	if (bytes === undefined && binary.id) bytes = (await n8n.helpers.getBinaryMetadata(binary.id)).fileSize;
	if (bytes === undefined) bytes = base64Bytes(binary.data);
	const extension = binary.fileExtension ? `.${binary.fileExtension}` : '';
	return {
		binary,
		propertyName: name,
		parameter,
		fileName: binary.fileName || `${name}${extension}`,
		mimeType: binary.mimeType || 'application/octet-stream',
		bytes,
	};
}

/** Decoded size of base64 data without decoding it. */
export function base64Bytes(data: string | undefined): number {
	if (!data) return 0;
	const clean = data.replace(/\s/g, '');
	const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
	return Math.floor((clean.length * 3) / 4) - padding;
}

export function formatBytes(bytes: number): string {
	if (bytes >= MB) return `${(bytes / MB).toFixed(1)} MB`;
	if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
	return `${bytes} bytes`;
}

/** Refuses a file above OpenAI's limit before it is read or sent. */
export function checkSize(
	n8n: IExecuteFunctions,
	itemIndex: number,
	input: BinaryInput,
	maxBytes: number,
	limitOf: string,
): void {
	if (input.bytes <= maxBytes) return;
	const size = formatBytes(input.bytes) === formatBytes(maxBytes) ? `${input.bytes} bytes` : formatBytes(input.bytes);
	throw inputError(
		n8n,
		itemIndex,
		`The file in "${input.parameter}" ("${input.fileName}", ${size}) is larger than the ${formatBytes(maxBytes)} OpenAI accepts for ${limitOf}`,
		`Use a smaller file (for audio: compress it, e.g. to a lower-bitrate MP3, or split it into parts).`,
	);
}

export interface AcceptedTypes {
	/** what the files are, e.g. "audio files" */
	label: string;
	mimeTypes: readonly string[];
	extensions: readonly string[];
}

/** Refuses a file whose MIME type and extension are both outside what the operation accepts. */
export function checkType(n8n: IExecuteFunctions, itemIndex: number, input: BinaryInput, accepted: AcceptedTypes): void {
	const mime = input.mimeType.split(';')[0].trim().toLowerCase();
	const extension = /\.([A-Za-z0-9]+)$/.exec(input.fileName)?.[1]?.toLowerCase() ?? '';
	if (accepted.mimeTypes.includes(mime) || accepted.extensions.includes(extension)) return;
	throw inputError(
		n8n,
		itemIndex,
		`The file in "${input.parameter}" ("${input.fileName}", ${mime}) is not one of the ${accepted.label} this operation accepts`,
		`OpenAI accepts ${accepted.extensions.join(', ')} here. Convert the file, or fix its MIME type or file name if they are wrong.`,
	);
}

/** The whole file in memory (images and other small files that are checked or inlined). */
export async function readBinaryInput(n8n: IExecuteFunctions, itemIndex: number, input: BinaryInput): Promise<Buffer> {
	return await n8n.helpers.getBinaryDataBuffer(itemIndex, input.propertyName);
}

/**
 * The value the SDK uploads: a stream from n8n's binary store for big files kept outside the item
 * (filesystem/S3 modes; the SDK does not retry a streamed upload), the bytes otherwise.
 */
export async function toUploadable(n8n: IExecuteFunctions, itemIndex: number, input: BinaryInput, fileName = input.fileName): Promise<Uploadable> {
	if (input.binary.id && input.bytes > STREAM_UPLOADS_ABOVE_BYTES) {
		return toStreamingFile(storedChunks(n8n, input.binary.id), fileName, { type: input.mimeType });
	}
	return await toFile(await readBinaryInput(n8n, itemIndex, input), fileName, { type: input.mimeType });
}

/**
 * The file's chunks from n8n's binary store, opened only when the upload starts reading and closed
 * when it stops for any reason (sent, failed, aborted): a request that never starts (a Stop first,
 * an error) leaves no file open.
 */
export async function* storedChunks(n8n: IExecuteFunctions, binaryId: string): AsyncGenerator<Buffer> {
	const stream = await n8n.helpers.getBinaryStream(binaryId);
	try {
		for await (const chunk of stream) yield chunk as Buffer;
	} finally {
		stream.destroy();
	}
}

/** A binary property name read from a parameter (default `data`). */
export function readOutputProperty(value: unknown): string {
	const name = typeof value === 'string' ? value.trim() : '';
	return name || 'data';
}

/** A file's content as n8n's binary helpers take it: bytes, or a Node stream they write as it comes. */
export type BinaryContent = Buffer | NodeReadable;

/**
 * An output item carrying one file. A stream is written into n8n's binary store as it arrives (in
 * filesystem mode it never sits in memory); the item's `binary` records its size (`bytes`).
 */
export async function binaryItem(
	n8n: IExecuteFunctions,
	json: IDataObject,
	property: string,
	data: BinaryContent,
	fileName: string,
	mimeType?: string,
): Promise<INodeExecutionData> {
	const content = data as Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0];
	try {
		const binary = await n8n.helpers.prepareBinaryData(content, fileName, mimeType);
		return { json, binary: { [property]: binary } };
	} finally {
		// a response stream left unread (n8n failed to store it) would hold its connection open;
		// a stream read to its end is already closed
		if (!Buffer.isBuffer(data)) data.destroy();
	}
}

/**
 * The body of a binary response (speech, file content): n8n's own response stream, so that
 * `binaryItem` writes it straight into the binary store; its bytes in memory when `inMemory` is asked
 * for (small files: n8n recognises the MIME type of bytes by their content, of a stream only by the
 * file name) or the stream is not available.
 */
export async function readResponseContent(response: Response, { inMemory = false } = {}): Promise<BinaryContent> {
	const stream = inMemory ? undefined : nodeStreamOf(response);
	return stream ?? Buffer.from(await response.arrayBuffer());
}
