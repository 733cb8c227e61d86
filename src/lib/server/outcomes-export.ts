import type { OutcomeDocument } from '../outcome/format';
import { outcomeMarkdown } from '../outcome/markdown';
import { outcomeCsv } from '../outcome/csv';
import { outcomePrintHtml } from '../outcome/print-html';
import { outcomeDocx } from '../outcome/docx';
import { attachment, downloadName } from './board-export';
import { apiErrorFor } from './http';
import { outcomeLabels } from './outcomes-labels';
import { printPdf } from './outcomes-pdf';
import { outcomeTimeZone } from './meeting-time-zone';

export const OUTCOME_FORMATS = ['md', 'csv', 'json', 'pdf', 'docx'] as const;
export type OutcomeFormat = (typeof OUTCOME_FORMATS)[number];

export function isOutcomeFormat(value: string | null): value is OutcomeFormat {
	return OUTCOME_FORMATS.includes(value as OutcomeFormat);
}

const TYPES: Record<OutcomeFormat, string> = {
	md: 'text/markdown; charset=utf-8',
	csv: 'text/csv; charset=utf-8',
	json: 'application/json; charset=utf-8',
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
};

/**
 * The outcome as a file in the request's language, its times in the meeting's zone;
 * 503 `pdf_unavailable` when this server cannot print.
 */
export async function exportOutcome(document: OutcomeDocument, format: OutcomeFormat): Promise<Response> {
	const labels = outcomeLabels(outcomeTimeZone(document));
	let body: string | Uint8Array;
	switch (format) {
		case 'md':
			body = outcomeMarkdown(document, labels);
			break;
		case 'csv':
			body = outcomeCsv(document, labels);
			break;
		case 'json':
			body = JSON.stringify(document, null, 2);
			break;
		case 'docx':
			body = await outcomeDocx(document, labels);
			break;
		case 'pdf': {
			const pdf = await printPdf(outcomePrintHtml(document, labels));
			if (!pdf) return apiErrorFor('pdf_unavailable');
			body = pdf;
			break;
		}
	}
	const name = downloadName(`${document.board.title} v${document.version}`, format);
	return attachment(body as BodyInit, TYPES[format], name);
}
