import { shape } from '../../../shared/shape';
import { isHtml, isJson, type MediaTypeRule } from '../shared/binaryAnswer';

/**
 * What the video operations need of a video job (Create, Remix, Edit, Extend, Get, the waiting
 * loop, Download): its ID and status, the progress the waiting error quotes, and (of a failed
 * job) the error it reports. Other fields are passed on as they come.
 */
export const videoShape = shape.object({
	id: shape.nonEmptyString,
	status: shape.nonEmptyString,
	progress: shape.nullable(shape.number),
	error: shape.nullable(shape.object({ code: shape.nullable(shape.string), message: shape.nullable(shape.string) })),
});
export const VIDEO = 'a video job';

export const videoDeletionShape = shape.object({ id: shape.nonEmptyString, deleted: shape.boolean });
export const VIDEO_DELETION = 'the result of deleting a video';

export type VideoVariant = 'video' | 'thumbnail' | 'spritesheet';

export const contentOf = (videoId: string, variant: VideoVariant): string =>
	variant === 'video' ? `the MP4 of video ${videoId}` : `the ${variant} of video ${videoId}`;

/** A video or a preview image is never a web page, JSON or text. A missing type is let through. */
export const videoContentRule =
	(variant: VideoVariant): MediaTypeRule =>
	(mediaType) => {
		const what = variant === 'video' ? 'a video' : 'an image';
		if (isHtml(mediaType)) return `it is an HTML page (${mediaType}), not ${what}`;
		if (isJson(mediaType)) return `it is JSON (${mediaType}), not ${what}`;
		if (mediaType?.startsWith('text/')) return `it is text (${mediaType}), not ${what}`;
		return undefined;
	};
