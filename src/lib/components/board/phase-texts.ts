/** What each phase is called and what it asks of people, in plain words of the reader's language. */
import { m } from '$lib/paraglide/messages';
import type { Phase } from '$lib/board/phases';

const NAMES: Record<Phase, () => string> = {
	collect: m.phase_collect,
	cluster: m.phase_cluster,
	vote: m.phase_vote,
	recommend: m.phase_recommend,
	done: m.phase_done
};

const WHAT_TO_DO: Record<Phase, () => string> = {
	collect: m.phase_collect_hint,
	cluster: m.phase_cluster_hint,
	vote: m.phase_vote_hint,
	recommend: m.phase_recommend_hint,
	done: m.phase_done_hint
};

export function phaseName(phase: Phase): string {
	return NAMES[phase]();
}

export function phaseHint(phase: Phase): string {
	return WHAT_TO_DO[phase]();
}
