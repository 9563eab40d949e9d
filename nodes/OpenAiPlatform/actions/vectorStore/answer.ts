import { shape } from '../../../shared/shape';

/**
 * What the vector store operations need of the answers: a store, a store file and a file batch
 * with their ID and (for waiting) their status; deletion results; search hits and content parts
 * (pages of Get Many are checked by `take`).
 */
const counts = shape.object({ in_progress: shape.number, completed: shape.number, failed: shape.number, cancelled: shape.number, total: shape.number });

export const vectorStoreShape = shape.object({ id: shape.nonEmptyString, status: shape.string, file_counts: shape.optional(counts) });
export const VECTOR_STORE = 'a vector store';

export const vectorStoreFileShape = shape.object({ id: shape.nonEmptyString, status: shape.nonEmptyString });
export const VECTOR_STORE_FILE = 'a vector store file';

export const fileBatchShape = shape.object({ id: shape.nonEmptyString, status: shape.nonEmptyString, file_counts: counts });
export const FILE_BATCH = 'a vector store file batch';

export const deletionShape = shape.object({ id: shape.nonEmptyString, deleted: shape.boolean });
export const VECTOR_STORE_DELETION = 'the result of deleting a vector store';
export const VECTOR_STORE_FILE_DELETION = 'the result of deleting a vector store file';

export const searchHitShape = shape.object({
	file_id: shape.nonEmptyString,
	score: shape.number,
	content: shape.array(shape.object({ type: shape.string, text: shape.string })),
});
export const SEARCH_RESULTS = 'vector store search results';

export const contentPartShape = shape.object({ text: shape.optional(shape.string) });
