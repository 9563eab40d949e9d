import type { AreaContext } from '../../area';
import { perServer } from './serverState';

/** The file object the API returns (spec: OpenAIFile). */
export interface FileObject {
	id: string;
	object: 'file';
	bytes: number;
	created_at: number;
	expires_at?: number;
	filename: string;
	purpose: string;
	status: 'uploaded' | 'processed' | 'error';
	status_details?: string;
}

export interface StoredFile {
	object: FileObject;
	content: Buffer;
	contentType: string;
	/** the upload's order, for stable sorting of equal timestamps */
	sequence: number;
}

/**
 * The fake's file storage: files uploaded through /v1/files and the files batches write
 * (purpose batch_output). Shared by the files and batches areas of one server.
 */
export class FileStore {
	private files = new Map<string, StoredFile>();
	private sequence = 0;

	constructor(private readonly context: AreaContext) {}

	add(filename: string, purpose: string, content: Buffer, contentType: string, expiresAfterSeconds?: number): FileObject {
		const createdAt = this.context.clock.nowSeconds();
		const object: FileObject = {
			id: this.context.ids.next('file-', 22, filename, purpose),
			object: 'file',
			bytes: content.length,
			created_at: createdAt,
			...(expiresAfterSeconds ? { expires_at: createdAt + expiresAfterSeconds } : {}),
			filename,
			purpose,
			status: 'processed',
		};
		this.files.set(object.id, { object, content, contentType, sequence: this.sequence++ });
		return object;
	}

	get(id: string): StoredFile | undefined {
		return this.files.get(id);
	}

	delete(id: string): boolean {
		return this.files.delete(id);
	}

	/** Newest first (the API's default order). */
	list(): StoredFile[] {
		return [...this.files.values()].sort((a, b) => b.object.created_at - a.object.created_at || b.sequence - a.sequence);
	}

	clear(): void {
		this.files.clear();
		this.sequence = 0;
	}
}

export function fileStoreFor(context: AreaContext): FileStore {
	return perServer(context, 'files', () => new FileStore(context));
}
