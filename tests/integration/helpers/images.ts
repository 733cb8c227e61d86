/**
 * Rendering a PDF page to a grey image (poppler's pdftoppm) and comparing it with
 * a reviewed reference, with a tolerance for anti-aliasing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';

export interface GreyImage {
	width: number;
	height: number;
	/** One byte per pixel, 0 black to 255 white, row by row. */
	pixels: Uint8Array;
}

export function hasPdftoppm(): boolean {
	return spawnSync('pdftoppm', ['-v']).status === 0;
}

/** Renders page `page` at `dpi`, cropped to `crop` (pixels at that resolution), as a PNG. */
export function renderPdfPage(
	pdf: Uint8Array,
	options: { page: number; dpi: number; crop: { x: number; y: number; width: number; height: number } }
): Buffer {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wedo-pdf-'));
	try {
		const input = path.join(dir, 'in.pdf');
		fs.writeFileSync(input, pdf);
		const { page, dpi, crop } = options;
		execFileSync('pdftoppm', [
			'-png',
			'-r',
			String(dpi),
			'-f',
			String(page),
			'-l',
			String(page),
			'-x',
			String(crop.x),
			'-y',
			String(crop.y),
			'-W',
			String(crop.width),
			'-H',
			String(crop.height),
			'-singlefile',
			input,
			path.join(dir, 'out')
		]);
		return fs.readFileSync(path.join(dir, 'out.png'));
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3 };

/** Decodes an 8-bit grey or RGB non-interlaced PNG (what pdftoppm writes) into grey pixels. */
export function decodeGreyPng(png: Buffer): GreyImage {
	let offset = 8;
	let width = 0;
	let height = 0;
	let channels = 1;
	const data: Buffer[] = [];
	while (offset < png.length) {
		const length = png.readUInt32BE(offset);
		const type = png.toString('ascii', offset + 4, offset + 8);
		const body = png.subarray(offset + 8, offset + 8 + length);
		if (type === 'IHDR') {
			width = body.readUInt32BE(0);
			height = body.readUInt32BE(4);
			channels = CHANNELS[body[9]];
			if (body[8] !== 8 || !channels || body[12] !== 0) throw new Error('not an 8-bit grey or RGB PNG');
		} else if (type === 'IDAT') {
			data.push(body);
		}
		offset += 12 + length;
	}
	const raw = inflateSync(Buffer.concat(data));
	const stride = width * channels;
	const bytes = new Uint8Array(stride * height);
	for (let y = 0; y < height; y++) {
		const filter = raw[y * (stride + 1)];
		for (let x = 0; x < stride; x++) {
			const value = raw[y * (stride + 1) + 1 + x];
			const left = x >= channels ? bytes[y * stride + x - channels] : 0;
			const up = y > 0 ? bytes[(y - 1) * stride + x] : 0;
			const upLeft = x >= channels && y > 0 ? bytes[(y - 1) * stride + x - channels] : 0;
			let predictor = 0;
			if (filter === 1) predictor = left;
			else if (filter === 2) predictor = up;
			else if (filter === 3) predictor = (left + up) >> 1;
			else if (filter === 4) {
				const estimate = left + up - upLeft;
				const [a, b, c] = [Math.abs(estimate - left), Math.abs(estimate - up), Math.abs(estimate - upLeft)];
				predictor = a <= b && a <= c ? left : b <= c ? up : upLeft;
			}
			bytes[y * stride + x] = (value + predictor) & 0xff;
		}
	}
	const pixels = new Uint8Array(width * height);
	for (let i = 0; i < pixels.length; i++) {
		let sum = 0;
		for (let channel = 0; channel < channels; channel++) sum += bytes[i * channels + channel];
		pixels[i] = Math.round(sum / channels);
	}
	return { width, height, pixels };
}

/**
 * How far an image is from its reference: `inkChanged` is the share of the
 * reference's ink (dark pixels) that is clearly different now — near 0 for the
 * same glyphs anti-aliased a little differently, large for other glyphs or layout.
 */
export function compareImages(
	actual: GreyImage,
	reference: GreyImage
): { sameSize: boolean; inkChanged: number } {
	if (actual.width !== reference.width || actual.height !== reference.height) {
		return { sameSize: false, inkChanged: 1 };
	}
	let ink = 0;
	let changed = 0;
	for (let i = 0; i < reference.pixels.length; i++) {
		const dark = reference.pixels[i] < 128 || actual.pixels[i] < 128;
		if (!dark) continue;
		ink++;
		if (Math.abs(reference.pixels[i] - actual.pixels[i]) > 96) changed++;
	}
	return { sameSize: true, inkChanged: ink === 0 ? 0 : changed / ink };
}
