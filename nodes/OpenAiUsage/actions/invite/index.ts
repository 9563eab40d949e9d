import type { Resource } from '../types';
import { createInvite } from './create';
import { deleteInvite } from './delete';
import { getInvite } from './get';
import { getAllInvites } from './getAll';

export const inviteResource: Resource = {
	value: 'invite',
	name: 'Invite',
	description: 'Invitations to the organization (Create and Delete write)',
	operations: [createInvite, deleteInvite, getInvite, getAllInvites],
	defaultOperation: getAllInvites.value,
};
