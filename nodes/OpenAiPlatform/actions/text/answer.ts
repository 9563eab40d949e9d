import { shape } from '../../../shared/shape';

/** What Complete needs of a (legacy) Completions answer: at least one choice with its text and why it stopped. */
export const textCompletionShape = shape.object({
	id: shape.optional(shape.string),
	model: shape.optional(shape.string),
	choices: shape.array(
		shape.object({
			index: shape.optional(shape.number),
			text: shape.string,
			finish_reason: shape.nullable(shape.string),
		}),
		{ min: 1 },
	),
	usage: shape.nullable(shape.object()),
});

export const TEXT_COMPLETION = 'a text completion';
