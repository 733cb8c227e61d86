import type { ExportLabels } from '../board/export';
import type { OutcomeCard, OutcomeDocument } from './format';

/** The words of an outcome's files and pages, in the reader's language (from the message files). */
export interface OutcomeLabels extends ExportLabels {
	/** The reader's language and its direction, for the print page. */
	locale: string;
	dir: 'ltr' | 'rtl';
	challenges: string;
	unlinkedSolutions: string;
	clusters: string;
	recommendations: string;
	notes: string;
	voteChart: string;
	basedOn: string;
	rank: string;
	votesHeading: string;
	cluster: string;
	noCards: string;
	anonymised: string;
	votes: (count: number) => string;
	participants: (count: number) => string;
	version: (version: number) => string;
	finishedAt: (date: string) => string;
	/** The meeting's start: its day and time, in the meeting's zone, naming it. */
	formatDateTime: (epochMs: number) => string;
}

/** The meeting's date, place, participant count and version: one line under the title. */
export function outcomeFacts(document: OutcomeDocument, labels: OutcomeLabels): string[] {
	return [
		document.meeting.startsAt ? labels.formatDateTime(Date.parse(document.meeting.startsAt)) : null,
		document.meeting.location,
		labels.participants(document.participantCount),
		labels.version(document.version),
		labels.finishedAt(labels.formatTime(Date.parse(document.createdAt)))
	].filter((fact): fact is string => !!fact);
}

export function authorOf(card: OutcomeCard, labels: OutcomeLabels): string {
	return card.authorName ?? labels.anonymous;
}
