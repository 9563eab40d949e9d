import type { AreaContext } from '../../area';
import type { MultipartForm } from './multipart';
import { sha256 } from './audioCodecs';
import { perServer } from './serverState';

/**
 * What tests can see of the media areas beyond the request log (which only summarises multipart
 * bodies): every multipart upload as parsed, with each file's size and sha256.
 */
export interface UploadRecord {
	path: string;
	fields: Record<string, string | string[]>;
	files: Array<{ field: string; filename: string; contentType: string; bytes: number; sha256: string }>;
}

export interface MediaInspector {
	uploads: UploadRecord[];
}

export function mediaInspector(anchor: Pick<AreaContext, 'clock'>): MediaInspector {
	return perServer(anchor, 'inspector', () => ({ uploads: [] }));
}

export function recordUpload(context: Pick<AreaContext, 'clock'>, path: string, form: MultipartForm): void {
	mediaInspector(context).uploads.push({
		path,
		fields: { ...form.fields },
		files: Object.values(form.files)
			.flat()
			.map((file) => ({
				field: file.field,
				filename: file.filename,
				contentType: file.contentType,
				bytes: file.data.length,
				sha256: sha256(file.data),
			})),
	});
}
