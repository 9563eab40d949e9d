import type {
	ICredentialDataDecryptedObject,
	ICredentialsEncrypted,
	INodeCredentialsDetails,
} from 'n8n-workflow';
import { ICredentials } from 'n8n-workflow';

/** Stored credential data, unencrypted (the harness has no database and no encryption key). */
export class PlainCredentials extends ICredentials {
	private plainData: ICredentialDataDecryptedObject;

	constructor(details: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject) {
		super(details, type);
		this.plainData = structuredClone(data);
	}

	async getData(): Promise<ICredentialDataDecryptedObject> {
		return structuredClone(this.plainData);
	}

	getDataToSave(): ICredentialsEncrypted {
		return { id: this.id, name: this.name, type: this.type, data: JSON.stringify(this.plainData) };
	}

	async setData(data: ICredentialDataDecryptedObject): Promise<void> {
		this.plainData = structuredClone(data);
	}

	async updateData(toUpdate: ICredentialDataDecryptedObject, toDelete: string[] = []): Promise<void> {
		this.plainData = { ...this.plainData, ...toUpdate };
		for (const key of toDelete) delete this.plainData[key];
	}
}
