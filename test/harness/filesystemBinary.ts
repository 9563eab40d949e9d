import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { BinaryDataService, type BinaryDataConfig, type ErrorReporter } from 'n8n-core';

/**
 * n8n's filesystem binary data mode for the tests of a `describe` block (or a file, at top level):
 * binary data is written to a temporary folder, as in an n8n with N8N_DEFAULT_BINARY_DATA_MODE=filesystem,
 * so big files stream instead of sitting in memory. Returns the folder (after beforeAll ran).
 */
export function useFilesystemBinaryMode(): { storage: () => string } {
	let storage = '';
	let previous: BinaryDataService | undefined;
	beforeAll(async () => {
		storage = mkdtempSync(join(tmpdir(), 'oaip-binary-'));
		previous = Container.get(BinaryDataService);
		await installFilesystemBinaryData(storage);
	}, 20_000);
	afterAll(() => {
		if (previous) Container.set(BinaryDataService, previous);
		if (storage) rmSync(storage, { recursive: true, force: true });
	});
	return { storage: () => storage };
}

/** Makes n8n-core's binary data service (in the DI container) store binary data as files under `storage`. */
export async function installFilesystemBinaryData(storage: string): Promise<void> {
	const quiet = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} };
	const service = new BinaryDataService(
		{ mode: 'filesystem', localStoragePath: storage, availableModes: ['filesystem'], signingSecret: 'test', dbMaxFileSize: 512 } as unknown as BinaryDataConfig,
		quiet as unknown as ErrorReporter,
		quiet as unknown as Logger,
	);
	await service.init();
	Container.set(BinaryDataService, service);
}
