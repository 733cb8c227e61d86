import { readBoard } from '../board/read';
import { toCsv, toJson, toMarkdown, type ExportLabels } from '../board/export';
import type { AppContext } from './context';
import type { Board } from './repositories/boards';
import * as meetings from './repositories/meetings';
import { m } from '../paraglide/messages.js';
import { getLocale } from '../paraglide/runtime.js';
import { languageName } from '../i18n';
import { formatShortDateTime } from '../format';
import { meetingTimeZone } from './meeting-time-zone';

export const EXPORT_FORMATS = ['md', 'csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The words of an export in the request's language; its times in `timeZone` (the meeting's), naming it. */
export function exportLabels(timeZone: string, locale = getLocale()): ExportLabels {
	return {
		anonymous: m.anonymous(),
		author: m.export_author(),
		createdAt: m.export_created_at(),
		column: m.export_column(),
		kind: m.export_kind(),
		text: m.export_text(),
		linkedTo: m.export_linked_to(),
		answers: m.export_answers(),
		answeredBy: m.export_answered_by(),
		kinds: {
			challenge: m.kind_challenge(),
			solution: m.kind_solution(),
			recommendation: m.kind_recommendation(),
			note: m.kind_note()
		},
		formatTime: (epochMs) => formatShortDateTime(epochMs, locale, timeZone),
		language: m.export_language(),
		translation: (language) => m.translation_label({ language }),
		languageName: (tag) => languageName(tag, locale)
	};
}

/**
 * A file name people recognise in their downloads: the board's title, made safe.
 * Composed (NFC), so that an umlaut stays one letter instead of a letter and a stray mark.
 */
export function downloadName(title: string, extension: string): string {
	const base =
		title
			.normalize('NFC')
			.replace(/[^\p{L}\p{N}]+/gu, '-')
			.replace(/^-|-$/g, '') || 'board';
	return `${base.slice(0, 60)}.${extension}`;
}

/** A file download: the name survives non-ASCII letters (RFC 6266 `filename*`), nothing is cached. */
export function attachment(body: BodyInit, type: string, name: string): Response {
	return new Response(body, {
		headers: {
			'Content-Type': type,
			'Content-Disposition': `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
			'Cache-Control': 'no-store'
		}
	});
}

export function exportBoard(context: AppContext, board: Board, format: ExportFormat): Response {
	const content = context.live.readDoc(board.id, readBoard);
	const meeting = meetings.read(context.db, board.meetingId);
	const info = { boardTitle: board.title, meetingTitle: meeting?.title ?? '', exportedAt: Date.now() };
	const labels = exportLabels(meetingTimeZone(meeting));
	const body = {
		md: () => toMarkdown(content, info, labels),
		csv: () => toCsv(content, labels),
		json: () => JSON.stringify(toJson(content, info), null, 2)
	}[format]();
	const type = { md: 'text/markdown', csv: 'text/csv', json: 'application/json' }[format];
	return attachment(body, `${type}; charset=utf-8`, downloadName(board.title, format));
}
