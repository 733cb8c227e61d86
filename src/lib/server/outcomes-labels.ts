import type { OutcomeLabels } from '../outcome/labels';
import { exportLabels } from './board-export';
import { textDirection } from '../i18n';
import { m } from '../paraglide/messages.js';
import { getLocale } from '../paraglide/runtime.js';
import { formatDateTime } from '../format';

/**
 * The outcome's words in the request's language, its times in `timeZone` (the
 * meeting's, see outcomeTimeZone); the board export's words are shared.
 */
export function outcomeLabels(timeZone: string, locale = getLocale()): OutcomeLabels {
	return {
		...exportLabels(timeZone, locale),
		locale,
		dir: textDirection(locale),
		challenges: m.outcome_challenges(),
		unlinkedSolutions: m.outcome_unlinked_solutions(),
		clusters: m.outcome_clusters(),
		recommendations: m.outcome_recommendations(),
		notes: m.outcome_notes(),
		voteChart: m.outcome_vote_chart(),
		basedOn: m.outcome_based_on(),
		rank: m.outcome_rank(),
		votesHeading: m.outcome_votes_heading(),
		cluster: m.outcome_cluster(),
		noCards: m.outcome_no_cards(),
		anonymised: m.outcome_anonymised(),
		votes: (count) => m.outcome_votes({ count }),
		participants: (count) => m.outcome_participants({ count }),
		version: (version) => m.outcome_version({ version }),
		finishedAt: (finished) => m.outcome_finished_at({ date: finished }),
		formatDateTime: (epochMs) => formatDateTime(epochMs, locale, timeZone)
	};
}
