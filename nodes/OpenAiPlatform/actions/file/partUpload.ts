import { createHash } from 'node:crypto';

import type { IExecuteFunctions } from 'n8n-workflow';
import type { FilePurpose } from 'openai/resources/files';
import type { UploadCreateParams } from 'openai/resources/uploads/uploads';
import { toFile } from 'openai/uploads';

import { checkedCall, shape } from '../../../shared/shape';
import type { OpenAiTransport } from '../../../shared/transport/client';
import { createTransport } from '../../../shared/transport/client';
import { type BinaryInput, MB, readBinaryInput, storedChunks } from '../shared/mediaBinary';
import { fileShape } from './answer';

/**
 * Uploading one file in parts through the Uploads API (`/uploads`, parts, complete): for files above
 * the 512 MB of a single upload, up to 8 GB. The parts are cut from n8n's binary store as it is read
 * (filesystem/S3 modes stream; memory mode has the bytes anyway), at most `parallel` parts are in
 * flight (so at most `parallel + 1` parts are in memory), each part is a Buffer the SDK retries on its
 * own (Max Retries), the whole file's MD5 is sent with Complete, and a failed part cancels the upload
 * at OpenAI. Stop ends the parts in flight at once, sends no more and cancels the upload at OpenAI
 * (through a client the execution's cancel signal does not end; should that cancel not get through,
 * the upload expires at OpenAI after an hour, never becoming a file).
 */
export const UPLOADS_PURPOSES: readonly FilePurpose[] = ['assistants', 'batch', 'fine-tune', 'vision'];
export const MAX_UPLOAD_BYTES = 8 * 1024 * MB;
export const MAX_PART_MB = 64;
const CANCEL_TIMEOUT_MS = 10_000;

export interface PartSettings {
	partBytes: number;
	parallel: number;
}

const uploadShape = shape.object({ id: shape.nonEmptyString, status: shape.nonEmptyString });
const completedShape = shape.object({ id: shape.nonEmptyString, status: shape.rule((value) => (value === 'completed' ? undefined : `\`status\` should be "completed", but is ${JSON.stringify(value)?.slice(0, 40)}`)), file: fileShape });
const partShape = shape.object({ id: shape.nonEmptyString });

export async function uploadInParts(
	n8n: IExecuteFunctions,
	transport: OpenAiTransport,
	itemIndex: number,
	input: BinaryInput,
	request: { fileName: string; purpose: FilePurpose; expiresAfterSeconds?: number },
	settings: PartSettings,
) {
	const body: UploadCreateParams = {
		filename: request.fileName,
		purpose: request.purpose,
		bytes: input.bytes,
		mime_type: input.mimeType,
		...(request.expiresAfterSeconds ? { expires_after: { anchor: 'created_at', seconds: request.expiresAfterSeconds } } : {}),
	};
	const upload = await checkedCall(transport.client.uploads.create(body), uploadShape, 'an upload');
	try {
		const md5 = createHash('md5');
		const partIds: string[] = [];
		const inFlight = new Set<Promise<void>>();
		let failure: unknown;
		let index = 0;
		for await (const data of parts(n8n, itemIndex, input, settings.partBytes)) {
			if (failure !== undefined) break;
			if (transport.signal.aborted) break;
			md5.update(data);
			const position = index++;
			const sending = sendPart(transport, upload.id, data, position).then(
				(id) => {
					partIds[position] = id;
				},
				(error: unknown) => {
					failure ??= error;
				},
			);
			const tracked: Promise<void> = sending.finally(() => inFlight.delete(tracked));
			inFlight.add(tracked);
			if (inFlight.size >= settings.parallel) await Promise.race(inFlight);
		}
		await Promise.all(inFlight);
		// thrown on to the engine (below: after the upload is cancelled), which turns it into the item's NodeApiError
		if (failure !== undefined) throw failure;
		transport.signal.throwIfAborted();
		const completed = await checkedCall(transport.client.uploads.complete(upload.id, { part_ids: partIds, md5: md5.digest('hex') }), completedShape, 'a completed upload');
		return completed.file as unknown as Record<string, unknown>;
	} catch (error) {
		await cancelQuietly(n8n, transport, upload.id);
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
		throw error;
	}
}

async function sendPart(transport: OpenAiTransport, uploadId: string, data: Buffer, position: number): Promise<string> {
	const file = await toFile(data, `part-${position + 1}`);
	const part = await checkedCall(transport.client.uploads.parts.create(uploadId, { data: file }), partShape, `an upload part (part ${position + 1})`);
	return part.id;
}

/**
 * Best effort: the upload expires at OpenAI after an hour anyway; the original error is what counts.
 * After Stop (or the engine stopping) the item's client no longer sends anything, so the cancel goes
 * through a client that outlives Stop, with a short Timeout and one retry.
 */
async function cancelQuietly(n8n: IExecuteFunctions, transport: OpenAiTransport, uploadId: string): Promise<void> {
	try {
		const sender = transport.signal.aborted ? await createTransport(n8n, { credentialType: transport.credentialType, timeoutMs: CANCEL_TIMEOUT_MS, maxRetries: 1, outlivesStop: true }) : transport;
		await sender.client.uploads.cancel(uploadId, { signal: AbortSignal.timeout(CANCEL_TIMEOUT_MS * 2) });
	} catch {
		// the upload expires on its own
	}
}

/** The file's bytes in parts of `partBytes` (the last one shorter), read from the binary store as needed. */
async function* parts(n8n: IExecuteFunctions, itemIndex: number, input: BinaryInput, partBytes: number): AsyncGenerator<Buffer> {
	const chunks: AsyncIterable<Buffer> = input.binary.id ? storedChunks(n8n, input.binary.id) : once(await readBinaryInput(n8n, itemIndex, input));
	let pending: Buffer[] = [];
	let size = 0;
	for await (const chunk of chunks) {
		let rest = chunk;
		while (size + rest.length >= partBytes) {
			const take = partBytes - size;
			pending.push(rest.subarray(0, take));
			yield Buffer.concat(pending);
			rest = rest.subarray(take);
			pending = [];
			size = 0;
		}
		if (rest.length > 0) {
			pending.push(rest);
			size += rest.length;
		}
	}
	if (size > 0) yield Buffer.concat(pending);
}

async function* once(buffer: Buffer): AsyncGenerator<Buffer> {
	yield buffer;
}

