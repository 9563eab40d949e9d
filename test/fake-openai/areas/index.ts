import type { AreaFactory } from '../area';
import { adminKeysArea } from './admin/adminKeys';
import { costsArea } from './admin/costs';
import { organizationArea } from './admin/organization';
import { organizationUsersArea } from './admin/organizationUsers';
import { organizationWritesArea } from './admin/organizationWrites';
import { projectUsersArea } from './admin/projectUsers';
import { serviceAccountsArea } from './admin/serviceAccounts';
import { keysAndLimitsArea } from './admin/keysAndLimits';
import { invitesArea } from './admin/invites';
import { spendControlsArea } from './admin/spendControls';
import { usageArea } from './admin/usage';
import { audioArea } from './audio';
import { batchesArea } from './batches';
import { chatArea } from './chat';
import { chatStoredArea } from './chatStored';
import { completionsArea } from './completions';
import { conversationsArea } from './conversations';
import { embeddingsArea } from './embeddings';
import { filesArea } from './files';
import { fineTuningArea } from './fineTuning';
import { fineTuningPermissionsArea } from './fineTuningPermissions';
import { imagesArea } from './images';
import { modelsArea } from './models';
import { moderationsArea } from './moderations';
import { responseContextArea } from './responseContext';
import { responsesArea } from './responses';
import { uploadsArea } from './uploads';
import { vectorStoresArea } from './vectorStores';
import { videosArea } from './videos';

/** The areas every fake serves. Add a new area module here. */
export const DEFAULT_AREAS: readonly AreaFactory[] = [
	modelsArea,
	costsArea,
	chatArea,
	chatStoredArea,
	embeddingsArea,
	moderationsArea,
	completionsArea,
	responsesArea,
	responseContextArea,
	conversationsArea,
	filesArea,
	batchesArea,
	imagesArea,
	audioArea,
	usageArea,
	organizationArea,
	spendControlsArea,
	organizationWritesArea,
	organizationUsersArea,
	adminKeysArea,
	projectUsersArea,
	serviceAccountsArea,
	keysAndLimitsArea,
	invitesArea,
	videosArea,
	vectorStoresArea,
	fineTuningArea,
	fineTuningPermissionsArea,
	uploadsArea,
];
