/** CRC-32 (PNG, zlib: reflected 0xEDB88320) and the Ogg CRC (0x04C11DB7, not reflected). */
const PNG_TABLE = new Int32Array(256).map((_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c;
});

export function crc32(...parts: Buffer[]): number {
	let crc = -1;
	for (const part of parts) for (const byte of part) crc = PNG_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	return (crc ^ -1) >>> 0;
}

const OGG_TABLE = new Uint32Array(256).map((_, n) => {
	let r = n << 24;
	for (let k = 0; k < 8; k++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
	return r >>> 0;
});

export function oggCrc(data: Buffer): number {
	let crc = 0;
	for (const byte of data) crc = ((crc << 8) ^ OGG_TABLE[((crc >>> 24) ^ byte) & 0xff]) >>> 0;
	return crc >>> 0;
}
