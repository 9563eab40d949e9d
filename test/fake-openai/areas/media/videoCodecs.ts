/**
 * Small but real MP4 videos for the fake: H.264 (Constrained Baseline, CAVLC) in an ISO BMFF file,
 * at the full requested size. The first frame is an IDR picture whose every macroblock is
 * Intra 16x16 with DC prediction and no residual (a flat grey picture, one byte per macroblock);
 * every later frame is a P picture that skips all macroblocks (a few bytes). So a 12-second
 * 1792x1024 clip at 24 fps is about 12 KB, and any player or ffprobe reads it.
 *
 * `readMp4Info` reads back what tests check: the box tree, size, duration, frame count and codec.
 */
export interface Mp4Options {
	width: number;
	height: number;
	seconds: number;
	/** frames per second (default 24) */
	fps?: number;
}

const TIMESCALE_PER_FRAME = 512;
const LOG2_MAX_FRAME_NUM = 8;

export function encodeMp4({ width, height, seconds, fps = 24 }: Mp4Options): Buffer {
	if (width % 16 || height % 16) throw new RangeError(`encodeMp4: ${width}x${height} is not a multiple of 16`);
	const mbs = (width / 16) * (height / 16);
	const sps = nal(3, 7, spsRbsp(width, height));
	const pps = nal(3, 8, ppsRbsp());
	const frames = Math.max(1, Math.round(seconds * fps));
	const samples: Buffer[] = [];
	for (let index = 0; index < frames; index++) {
		const unit = index === 0 ? nal(3, 5, idrSliceRbsp(mbs)) : nal(2, 1, skippedSliceRbsp(mbs, index));
		samples.push(lengthPrefixed(unit));
	}
	const mdatData = Buffer.concat(samples);
	const ftyp = box('ftyp', Buffer.concat([ascii('isom'), u32(512), ascii('isomiso2avc1mp41')]));
	const build = (chunkOffset: number) =>
		moov({ width, height, fps, frames, sampleSizes: samples.map((sample) => sample.length), chunkOffset, sps, pps });
	const size = build(0).length;
	const movie = build(ftyp.length + size + 8);
	return Buffer.concat([ftyp, movie, box('mdat', mdatData)]);
}

// ---------------------------------------------------------------- H.264 bitstream

class BitWriter {
	private bytes: number[] = [];
	private current = 0;
	private count = 0;

	bits(value: number, length: number): this {
		for (let i = length - 1; i >= 0; i--) {
			this.current = (this.current << 1) | ((value >> i) & 1);
			if (++this.count === 8) {
				this.bytes.push(this.current);
				this.current = 0;
				this.count = 0;
			}
		}
		return this;
	}

	/** unsigned Exp-Golomb */
	ue(value: number): this {
		const code = value + 1;
		const length = Math.floor(Math.log2(code));
		return this.bits(0, length).bits(code, length + 1);
	}

	/** signed Exp-Golomb */
	se(value: number): this {
		return this.ue(value <= 0 ? -2 * value : 2 * value - 1);
	}

	/** rbsp_trailing_bits: a one, then zeros to the byte boundary */
	finish(): Buffer {
		this.bits(1, 1);
		while (this.count !== 0) this.bits(0, 1);
		return Buffer.from(this.bytes);
	}
}

function spsRbsp(width: number, height: number): Buffer {
	return new BitWriter()
		.bits(66, 8) // profile_idc: Baseline
		.bits(0xc0, 8) // constraint_set0 and set1: Constrained Baseline
		.bits(40, 8) // level_idc 4.0: up to 8192 macroblocks per frame
		.ue(0) // seq_parameter_set_id
		.ue(LOG2_MAX_FRAME_NUM - 4)
		.ue(2) // pic_order_cnt_type 2: output order = decoding order
		.ue(1) // max_num_ref_frames
		.bits(0, 1) // gaps_in_frame_num_value_allowed_flag
		.ue(width / 16 - 1)
		.ue(height / 16 - 1)
		.bits(1, 1) // frame_mbs_only_flag
		.bits(1, 1) // direct_8x8_inference_flag
		.bits(0, 1) // frame_cropping_flag
		.bits(0, 1) // vui_parameters_present_flag
		.finish();
}

function ppsRbsp(): Buffer {
	return new BitWriter()
		.ue(0) // pic_parameter_set_id
		.ue(0) // seq_parameter_set_id
		.bits(0, 1) // entropy_coding_mode_flag: CAVLC
		.bits(0, 1) // bottom_field_pic_order_in_frame_present_flag
		.ue(0) // num_slice_groups_minus1
		.ue(0) // num_ref_idx_l0_default_active_minus1
		.ue(0) // num_ref_idx_l1_default_active_minus1
		.bits(0, 1) // weighted_pred_flag
		.bits(0, 2) // weighted_bipred_idc
		.se(0) // pic_init_qp_minus26
		.se(0) // pic_init_qs_minus26
		.se(0) // chroma_qp_index_offset
		.bits(0, 1) // deblocking_filter_control_present_flag
		.bits(0, 1) // constrained_intra_pred_flag
		.bits(0, 1) // redundant_pic_cnt_present_flag
		.finish();
}

function idrSliceRbsp(mbs: number): Buffer {
	const bits = new BitWriter()
		.ue(0) // first_mb_in_slice
		.ue(7) // slice_type: I (all slices of the picture)
		.ue(0) // pic_parameter_set_id
		.bits(0, LOG2_MAX_FRAME_NUM) // frame_num
		.ue(0) // idr_pic_id
		.bits(0, 1) // no_output_of_prior_pics_flag
		.bits(0, 1) // long_term_reference_flag
		.se(0); // slice_qp_delta
	for (let mb = 0; mb < mbs; mb++) {
		bits
			.ue(3) // mb_type I_16x16_2_0_0: DC prediction, no coded luma or chroma
			.ue(0) // intra_chroma_pred_mode: DC
			.se(0) // mb_qp_delta
			.bits(1, 1); // coeff_token of the Intra16x16 DC block: no coefficients (nC 0)
	}
	return bits.finish();
}

function skippedSliceRbsp(mbs: number, index: number): Buffer {
	return new BitWriter()
		.ue(0) // first_mb_in_slice
		.ue(5) // slice_type: P (all slices of the picture)
		.ue(0) // pic_parameter_set_id
		.bits(index % (1 << LOG2_MAX_FRAME_NUM), LOG2_MAX_FRAME_NUM) // frame_num
		.bits(0, 1) // num_ref_idx_active_override_flag
		.bits(0, 1) // ref_pic_list_modification_flag_l0
		.bits(0, 1) // adaptive_ref_pic_marking_mode_flag
		.se(0) // slice_qp_delta
		.ue(mbs) // mb_skip_run: every macroblock
		.finish();
}

/** A NAL unit: header byte, then the RBSP with emulation prevention bytes. */
function nal(refIdc: number, type: number, rbsp: Buffer): Buffer {
	const out: number[] = [(refIdc << 5) | type];
	let zeros = 0;
	for (const byte of rbsp) {
		if (zeros >= 2 && byte <= 3) {
			out.push(3);
			zeros = 0;
		}
		out.push(byte);
		zeros = byte === 0 ? zeros + 1 : 0;
	}
	return Buffer.from(out);
}

function lengthPrefixed(unit: Buffer): Buffer {
	return Buffer.concat([u32(unit.length), unit]);
}

// ---------------------------------------------------------------- ISO BMFF boxes

interface MovieFacts {
	width: number;
	height: number;
	fps: number;
	frames: number;
	sampleSizes: number[];
	chunkOffset: number;
	sps: Buffer;
	pps: Buffer;
}

const MATRIX = Buffer.concat([u32(0x00010000), u32(0), u32(0), u32(0), u32(0x00010000), u32(0), u32(0), u32(0), u32(0x40000000)]);

function moov(facts: MovieFacts): Buffer {
	const movieDuration = Math.round((facts.frames / facts.fps) * 1000);
	const mediaTimescale = facts.fps * TIMESCALE_PER_FRAME;
	const mvhd = fullBox('mvhd', 0, 0, Buffer.concat([u32(0), u32(0), u32(1000), u32(movieDuration), u32(0x00010000), u16(0x0100), Buffer.alloc(10), MATRIX, Buffer.alloc(24), u32(2)]));
	const tkhd = fullBox(
		'tkhd',
		0,
		3,
		Buffer.concat([u32(0), u32(0), u32(1), u32(0), u32(movieDuration), Buffer.alloc(8), u16(0), u16(0), u16(0), u16(0), MATRIX, u32(facts.width << 16), u32(facts.height << 16)]),
	);
	const mdhd = fullBox('mdhd', 0, 0, Buffer.concat([u32(0), u32(0), u32(mediaTimescale), u32(facts.frames * TIMESCALE_PER_FRAME), u16(0x55c4), u16(0)]));
	const hdlr = fullBox('hdlr', 0, 0, Buffer.concat([u32(0), ascii('vide'), Buffer.alloc(12), ascii('VideoHandler\0')]));
	const vmhd = fullBox('vmhd', 0, 1, Buffer.alloc(8));
	const dinf = box('dinf', fullBox('dref', 0, 0, Buffer.concat([u32(1), fullBox('url ', 0, 1, Buffer.alloc(0))])));
	const avcC = box(
		'avcC',
		Buffer.concat([Buffer.from([1, 66, 0xc0, 40, 0xff, 0xe1]), u16(facts.sps.length), facts.sps, Buffer.from([1]), u16(facts.pps.length), facts.pps]),
	);
	const compressor = Buffer.alloc(32);
	compressor.write('\u000bfake-openai', 0, 'latin1');
	const avc1 = box(
		'avc1',
		Buffer.concat([Buffer.alloc(6), u16(1), u16(0), u16(0), Buffer.alloc(12), u16(facts.width), u16(facts.height), u32(0x00480000), u32(0x00480000), u32(0), u16(1), compressor, u16(0x18), u16(0xffff), avcC]),
	);
	const stbl = box(
		'stbl',
		Buffer.concat([
			fullBox('stsd', 0, 0, Buffer.concat([u32(1), avc1])),
			fullBox('stts', 0, 0, Buffer.concat([u32(1), u32(facts.frames), u32(TIMESCALE_PER_FRAME)])),
			fullBox('stss', 0, 0, Buffer.concat([u32(1), u32(1)])),
			fullBox('stsc', 0, 0, Buffer.concat([u32(1), u32(1), u32(facts.frames), u32(1)])),
			fullBox('stsz', 0, 0, Buffer.concat([u32(0), u32(facts.frames), ...facts.sampleSizes.map(u32)])),
			fullBox('stco', 0, 0, Buffer.concat([u32(1), u32(facts.chunkOffset)])),
		]),
	);
	const minf = box('minf', Buffer.concat([vmhd, dinf, stbl]));
	const mdia = box('mdia', Buffer.concat([mdhd, hdlr, minf]));
	return box('moov', Buffer.concat([mvhd, box('trak', Buffer.concat([tkhd, mdia]))]));
}

function box(type: string, payload: Buffer): Buffer {
	return Buffer.concat([u32(8 + payload.length), ascii(type), payload]);
}

function fullBox(type: string, version: number, flags: number, payload: Buffer): Buffer {
	return box(type, Buffer.concat([u32((version << 24) | flags), payload]));
}

function u32(value: number): Buffer {
	const out = Buffer.alloc(4);
	out.writeUInt32BE(value >>> 0);
	return out;
}

function u16(value: number): Buffer {
	const out = Buffer.alloc(2);
	out.writeUInt16BE(value & 0xffff);
	return out;
}

function ascii(text: string): Buffer {
	return Buffer.from(text, 'latin1');
}

// ---------------------------------------------------------------- reading back

export interface Mp4Info {
	/** top-level box types in order, e.g. ['ftyp', 'moov', 'mdat'] */
	boxes: string[];
	width: number;
	height: number;
	durationSeconds: number;
	frames: number;
	/** the sample entry's codec, e.g. 'avc1' */
	codec: string;
	/** every sample lies inside the mdat box and the sample sizes add up to it */
	samplesInMdat: boolean;
}

/** What a test checks of an MP4: undefined when the bytes are not an MP4 with one video track. */
export function readMp4Info(data: Buffer): Mp4Info | undefined {
	if (data.length < 16 || data.toString('latin1', 4, 8) !== 'ftyp') return undefined;
	const top = children(data, 0, data.length);
	const moovBox = top.find((entry) => entry.type === 'moov');
	const mdat = top.find((entry) => entry.type === 'mdat');
	if (!moovBox || !mdat) return undefined;
	const find = (path: string[]): { start: number; end: number } | undefined => {
		let current = { start: moovBox.start + 8, end: moovBox.end };
		for (const type of path) {
			const next = children(data, current.start, current.end).find((entry) => entry.type === type);
			if (!next) return undefined;
			current = { start: next.start + 8, end: next.end };
		}
		return current;
	};
	const mvhd = find(['mvhd']);
	const tkhd = find(['trak', 'tkhd']);
	const stsd = find(['trak', 'mdia', 'minf', 'stbl', 'stsd']);
	const stsz = find(['trak', 'mdia', 'minf', 'stbl', 'stsz']);
	const stco = find(['trak', 'mdia', 'minf', 'stbl', 'stco']);
	if (!mvhd || !tkhd || !stsd || !stsz || !stco) return undefined;
	const timescale = data.readUInt32BE(mvhd.start + 12);
	const duration = data.readUInt32BE(mvhd.start + 16);
	const frames = data.readUInt32BE(stsz.start + 8);
	const sizes = Array.from({ length: frames }, (_, index) => data.readUInt32BE(stsz.start + 12 + index * 4));
	const offset = data.readUInt32BE(stco.start + 8);
	const total = sizes.reduce((sum, size) => sum + size, 0);
	return {
		boxes: top.map((entry) => entry.type),
		width: data.readUInt32BE(tkhd.end - 8) >>> 16,
		height: data.readUInt32BE(tkhd.end - 4) >>> 16,
		durationSeconds: duration / timescale,
		frames,
		codec: data.toString('latin1', stsd.start + 12, stsd.start + 16),
		samplesInMdat: offset === mdat.start + 8 && offset + total === mdat.end,
	};
}

function children(data: Buffer, start: number, end: number): Array<{ type: string; start: number; end: number }> {
	const out: Array<{ type: string; start: number; end: number }> = [];
	let position = start;
	while (position + 8 <= end) {
		const size = data.readUInt32BE(position);
		if (size < 8 || position + size > end) break;
		out.push({ type: data.toString('latin1', position + 4, position + 8), start: position, end: position + size });
		position += size;
	}
	return out;
}
