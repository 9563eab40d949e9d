import type { FakeRequest } from '../../area';
import { ApiError } from '../../errors';

/** One file part of a multipart/form-data body. */
export interface UploadedFile {
	field: string;
	filename: string;
	contentType: string;
	data: Buffer;
}

/** A parsed multipart/form-data body: text fields (arrays for `name[]` or repeated names) and files. */
export interface MultipartForm {
	fields: Record<string, string | string[]>;
	files: Record<string, UploadedFile[]>;
}

/**
 * Parses the raw body of a multipart/form-data request (routes with `body: 'raw'`). A body that is
 * not multipart gets the real API's 400.
 */
export function readMultipart(request: Pick<FakeRequest, 'headers' | 'rawBody'>): MultipartForm {
	const contentType = String(request.headers['content-type'] ?? '');
	const boundary = /^multipart\/form-data;.*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	if (!boundary) {
		throw new ApiError(
			400,
			'invalid_request_error',
			`Invalid Content-Type header (${contentType || 'none'}), expected multipart/form-data. (HINT: If you're using curl, you can pass -H 'Content-Type: multipart/form-data')`,
		);
	}
	return parseMultipart(request.rawBody, boundary[1] ?? boundary[2]);
}

export function parseMultipart(raw: Buffer, boundary: string): MultipartForm {
	const form: MultipartForm = { fields: {}, files: {} };
	const delimiter = Buffer.from(`--${boundary}`);
	let position = raw.indexOf(delimiter);
	if (position === -1) throw malformed();
	while (true) {
		position += delimiter.length;
		if (raw.subarray(position, position + 2).toString() === '--') break;
		position += 2; // CRLF after the delimiter
		const headerEnd = raw.indexOf('\r\n\r\n', position);
		if (headerEnd === -1) throw malformed();
		const headers = parseHeaders(raw.subarray(position, headerEnd).toString('utf8'));
		const next = raw.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
		if (next === -1) throw malformed();
		const data = raw.subarray(headerEnd + 4, next);
		addPart(form, headers, data);
		position = next + 2;
	}
	return form;
}

function addPart(form: MultipartForm, headers: Record<string, string>, data: Buffer): void {
	const disposition = headers['content-disposition'] ?? '';
	const rawName = /\bname="((?:[^"\\]|\\.)*)"/.exec(disposition)?.[1];
	if (rawName === undefined) throw malformed();
	const filename = /\bfilename="((?:[^"\\]|\\.)*)"/.exec(disposition)?.[1];
	const isArray = rawName.endsWith('[]');
	const name = isArray ? rawName.slice(0, -2) : rawName;
	if (filename !== undefined) {
		const file: UploadedFile = {
			field: name,
			filename: filename.replace(/\\(.)/g, '$1'),
			contentType: headers['content-type'] ?? 'application/octet-stream',
			data: Buffer.from(data),
		};
		(form.files[name] ??= []).push(file);
		return;
	}
	const value = data.toString('utf8');
	const existing = form.fields[name];
	if (existing === undefined) form.fields[name] = isArray ? [value] : value;
	else form.fields[name] = [...(Array.isArray(existing) ? existing : [existing]), value];
}

function parseHeaders(text: string): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const line of text.split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	return headers;
}

function malformed(): ApiError {
	return new ApiError(400, 'invalid_request_error', 'Could not parse multipart form');
}

/** A single text field (the last one when repeated). */
export function field(form: MultipartForm, name: string): string | undefined {
	const value = form.fields[name];
	return Array.isArray(value) ? value[value.length - 1] : value;
}

/** A field that may be sent once or as `name[]` several times. */
export function fieldList(form: MultipartForm, name: string): string[] {
	const value = form.fields[name];
	if (value === undefined) return [];
	return Array.isArray(value) ? value : [value];
}
