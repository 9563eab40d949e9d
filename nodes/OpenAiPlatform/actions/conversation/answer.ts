import { shape } from '../../../shared/shape';

/**
 * What the conversation operations need of the Conversations API's answers: a conversation's ID
 * (Create, Get, Update, Delete Item), a deletion result, and items that say their type (Add Items,
 * Get Item; Get Many Items pages are checked by `take`).
 */
export const conversationShape = shape.object({
	id: shape.nonEmptyString,
	created_at: shape.nullable(shape.number),
	metadata: shape.nullable(shape.object()),
});
export const CONVERSATION = 'a conversation';

export const conversationDeletionShape = shape.object({ id: shape.nonEmptyString, deleted: shape.boolean });
export const CONVERSATION_DELETION = 'the result of deleting a conversation';

export const conversationItemShape = shape.object({ type: shape.nonEmptyString, id: shape.optional(shape.string) });
export const CONVERSATION_ITEM = 'a conversation item';

/** Add Items: the items created, one per item sent. */
export const itemListShape = (count: number) => shape.object({ data: shape.array(conversationItemShape, { length: count }) });
export const CONVERSATION_ITEMS = 'the list of added conversation items';
