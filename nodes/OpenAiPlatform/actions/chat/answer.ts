import type { Shape } from '../../../shared/shape';
import { shape } from '../../../shared/shape';

/**
 * What Message a Model (and Image → Analyze) need of a Chat Completions answer: at least one
 * choice, each with a message whose text is text or null (left out only beside tool calls or a
 * refusal), tool calls that name their function, and a finish reason.
 */
const functionCall = shape.object({ name: shape.string, arguments: shape.nullable(shape.string) });

const toolCall: Shape = shape.rule((value, path) => {
	const problem = shape.object({ type: shape.string })(value, path);
	if (problem) return problem;
	return (value as { type: string }).type === 'function' ? shape.object({ function: functionCall })(value, path) : undefined;
});

const messageFields = shape.object({
	content: shape.nullable(shape.string),
	refusal: shape.nullable(shape.string),
	role: shape.nullable(shape.string),
	tool_calls: shape.nullable(shape.array(toolCall)),
});

const message: Shape = shape.rule((value, path) => {
	const problem = messageFields(value, path);
	if (problem) return problem;
	const { content, refusal, tool_calls: toolCalls } = value as { content?: unknown; refusal?: unknown; tool_calls?: unknown[] };
	if (content !== undefined || typeof refusal === 'string' || (toolCalls?.length ?? 0) > 0) return undefined;
	return `\`${path}.content\` should be text or null, but is nothing`;
});

const choice = shape.object({
	index: shape.optional(shape.number),
	message,
	finish_reason: shape.nullable(shape.string),
});

export const chatCompletionShape = shape.object({
	id: shape.optional(shape.string),
	model: shape.optional(shape.string),
	choices: shape.array(choice, { min: 1 }),
	usage: shape.nullable(shape.object()),
});

export const CHAT_COMPLETION = 'a chat completion';

/** A stored completion (Get, Update): a chat completion with its ID. */
export const storedCompletionShape = shape.object({
	id: shape.nonEmptyString,
	choices: shape.array(choice),
	metadata: shape.nullable(shape.object()),
});
export const STORED_COMPLETION = 'a stored chat completion';

export const completionDeletionShape = shape.object({ id: shape.nonEmptyString, deleted: shape.boolean });
export const COMPLETION_DELETION = 'the result of deleting a stored chat completion';
