import type { AreaFactory } from '../area';
import { costsArea } from './admin/costs';
import { modelsArea } from './models';

/** The areas every fake serves. Add a new area module here. */
export const DEFAULT_AREAS: readonly AreaFactory[] = [modelsArea, costsArea];
