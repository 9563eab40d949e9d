import type { AreaFactory } from '../area';
import { costsArea } from './admin/costs';
import { organizationArea } from './admin/organization';
import { usageArea } from './admin/usage';
import { audioArea } from './audio';
import { batchesArea } from './batches';
import { chatArea } from './chat';
import { completionsArea } from './completions';
import { embeddingsArea } from './embeddings';
import { filesArea } from './files';
import { imagesArea } from './images';
import { modelsArea } from './models';
import { moderationsArea } from './moderations';
import { responsesArea } from './responses';
import { videosArea } from './videos';

/** The areas every fake serves. Add a new area module here. */
export const DEFAULT_AREAS: readonly AreaFactory[] = [modelsArea, costsArea, chatArea, embeddingsArea, moderationsArea, completionsArea, responsesArea, filesArea, batchesArea, imagesArea, audioArea, usageArea, organizationArea, videosArea];
