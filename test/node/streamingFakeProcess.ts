import { createCipheriv, createHash } from 'node:crypto';

import { startFakeOpenAi } from '../fake-openai';
import { fileStoreFor } from '../fake-openai/areas/media/fileStore';
import { mediaInspector } from '../fake-openai/areas/media/inspect';
import type { AreaContext } from '../fake-openai/area';

/**
 * The fake OpenAI API in a child process, for test/node/streaming.test.ts: the fake buffers whole
 * request bodies and keeps files in memory, which would hide what the node itself holds if both ran
 * in one process. Driven over IPC:
 *   → { id, type: 'seed', size, fileName }  ← { id, fileId, sha256 }  (a file of `size` pseudo-random bytes)
 *   → { id, type: 'uploads' }               ← { id, uploads }         (the media inspector's records)
 * Sends { type: 'ready', url } when listening; stops when the parent disconnects.
 */
type Request = { id: number; type: 'seed'; size: number; fileName: string } | { id: number; type: 'uploads' };

/** `size` deterministic, incompressible bytes (an AES-CTR key stream), in chunks of at most 1 MB. */
export function* pseudoRandomChunks(size: number, seed = 'oaip'): Generator<Buffer> {
	const key = createHash('sha256').update(seed).digest();
	const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
	const zeros = Buffer.alloc(1024 * 1024);
	for (let left = size; left > 0; left -= zeros.length) yield cipher.update(zeros.subarray(0, Math.min(left, zeros.length)));
}

/** The child's entry point (called by the bootstrap in streaming.test.ts). */
export async function runFakeProcess(): Promise<void> {
	const fake = await startFakeOpenAi({ logging: false });
	const anchor = fake as unknown as AreaContext;
	process.on('message', (message: Request) => {
		if (message.type === 'seed') {
			const content = Buffer.concat([...pseudoRandomChunks(message.size, message.fileName)]);
			const file = fileStoreFor(anchor).add(message.fileName, 'user_data', content, 'application/octet-stream');
			const sha256 = createHash('sha256').update(content).digest('hex');
			process.send?.({ id: message.id, fileId: file.id, sha256 });
		} else {
			process.send?.({ id: message.id, uploads: mediaInspector(fake).uploads });
		}
	});
	process.once('disconnect', () => {
		void fake.stop().finally(() => process.exit(0));
	});
	process.send?.({ type: 'ready', url: fake.url });
}
