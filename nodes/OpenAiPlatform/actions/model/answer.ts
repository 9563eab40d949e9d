import { shape } from '../../../shared/shape';

/** What Get needs of a model object, and Get Many of each entry: its ID (Get Many filters by it and by the owner). */
export const modelShape = shape.object({ id: shape.nonEmptyString, owned_by: shape.optional(shape.string) });
export const MODEL = 'a model';

export const modelListShape = shape.array(modelShape);
export const MODEL_LIST = 'a list of models';

export const modelDeletionShape = shape.object({ id: shape.nonEmptyString, deleted: shape.boolean });
export const MODEL_DELETION = 'the result of deleting a model';
