import type { AcceptedTypes } from './mediaBinary';

/** Image files: what OpenAI accepts where, and their dimensions read from the file header. */
export const IMAGE_TYPES: AcceptedTypes = {
	label: 'image files (PNG, JPEG, WebP)',
	mimeTypes: ['image/png', 'image/jpeg', 'image/jpg', 'image/webp'],
	extensions: ['png', 'jpg', 'jpeg', 'webp'],
};

export const PNG_ONLY: AcceptedTypes = { label: 'PNG images', mimeTypes: ['image/png'], extensions: ['png'] };

export const VISION_TYPES: AcceptedTypes = {
	label: 'image files (PNG, JPEG, WebP, non-animated GIF)',
	mimeTypes: ['image/png', 'image/jpeg', 'image/jpg', 'image/webp', 'image/gif'],
	extensions: ['png', 'jpg', 'jpeg', 'webp', 'gif'],
};

export interface ImageDimensions {
	format: 'png' | 'jpeg' | 'webp' | 'gif';
	width: number;
	height: number;
}

/** Width and height from a PNG, JPEG, WebP or GIF header; undefined for anything else. */
export function imageDimensions(data: Buffer): ImageDimensions | undefined {
	if (data.length >= 24 && data.readUInt32BE(0) === 0x89504e47 && data.toString('ascii', 12, 16) === 'IHDR') {
		return { format: 'png', width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
	}
	if (data.length >= 10 && data.toString('ascii', 0, 3) === 'GIF') {
		return { format: 'gif', width: data.readUInt16LE(6), height: data.readUInt16LE(8) };
	}
	if (data.length >= 30 && data.toString('ascii', 0, 4) === 'RIFF' && data.toString('ascii', 8, 12) === 'WEBP') {
		const chunk = data.toString('ascii', 12, 16);
		if (chunk === 'VP8L' && data[20] === 0x2f) {
			const bits = data.readUInt32LE(21);
			return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
		}
		if (chunk === 'VP8X') return { format: 'webp', width: data.readUIntLE(24, 3) + 1, height: data.readUIntLE(27, 3) + 1 };
		if (chunk === 'VP8 ') return { format: 'webp', width: data.readUInt16LE(26) & 0x3fff, height: data.readUInt16LE(28) & 0x3fff };
		return undefined;
	}
	if (data.length >= 4 && data[0] === 0xff && data[1] === 0xd8) {
		let offset = 2;
		while (offset + 9 < data.length) {
			if (data[offset] !== 0xff) return undefined;
			const marker = data[offset + 1];
			if (marker === 0xff) {
				offset += 1;
				continue;
			}
			const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
			if (isFrame) return { format: 'jpeg', width: data.readUInt16BE(offset + 7), height: data.readUInt16BE(offset + 5) };
			offset += 2 + data.readUInt16BE(offset + 2);
		}
	}
	return undefined;
}

/** MIME type of an image format. */
export function imageMimeType(format: string): string {
	return format === 'jpg' ? 'image/jpeg' : `image/${format}`;
}
