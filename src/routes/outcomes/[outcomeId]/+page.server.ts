import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { errorMessage } from '$lib/server/error-messages';
import { publicOrigin } from '$lib/server/origin';
import * as outcomes from '$lib/server/repositories/outcomes';
import * as shares from '$lib/server/repositories/outcome-shares';
import * as recipients from '$lib/server/repositories/share-recipients';
import { resolveOutcomeAccess, type OutcomeAccess } from '$lib/server/outcomes-access';
import { parseOutcome, shareJson, shareUrl } from '$lib/server/outcomes';
import { sendResults, smtpSettings, SMTP_VARIABLES } from '$lib/server/outcomes-mail';
import { chromiumPath } from '$lib/server/outcomes-pdf';
import { outcomeTimeZone } from '$lib/server/meeting-time-zone';
import { diffOutcomes } from '$lib/outcome/diff';
import { m } from '$lib/paraglide/messages';

function access(event: Pick<RequestEvent, 'locals' | 'params' | 'url'>): OutcomeAccess {
	const result = resolveOutcomeAccess(
		appContext().db,
		{ user: event.locals.user, deviceHash: event.locals.deviceHash },
		event.params.outcomeId!
	);
	if (result.ok) return result.access;
	if (result.reason === 'unauthenticated')
		redirect(303, `/login?next=${encodeURIComponent(event.url.pathname)}`);
	error(result.reason === 'not_found' ? 404 : 403, errorMessage(result.reason));
}

function manage(event: Pick<RequestEvent, 'locals' | 'params' | 'url'>): OutcomeAccess {
	const granted = access(event);
	if (granted.role !== 'facilitator') error(403, errorMessage('forbidden'));
	return granted;
}

export function load(event) {
	const { db } = appContext();
	const { outcome, board, role } = access(event);
	const document = parseOutcome(outcome);
	const versions = outcomes.listByBoard(db, outcome.boardId);
	// A later version shows what changed since the one before, unless another is chosen.
	const previous = versions.filter((version) => version.version < outcome.version).at(-1);
	const compareId = event.url.searchParams.get('compare') ?? previous?.id;
	const other = versions.find((version) => version.id === compareId && version.id !== outcome.id);
	let comparison = null;
	if (other) {
		const otherDocument = parseOutcome(outcomes.read(db, other.id)!);
		const [from, to] =
			other.version < outcome.version ? [otherDocument, document] : [document, otherDocument];
		comparison = { diff: diffOutcomes(from, to), from: from.version, to: to.version, otherId: other.id };
	}
	return {
		document,
		timeZone: outcomeTimeZone(document),
		versions: versions.map(({ id, version, createdAt }) => ({ id, version, createdAt })),
		comparison,
		pdfAvailable: chromiumPath() !== null,
		manage:
			role === 'facilitator'
				? {
						boardFinished: board.finished,
						latest: versions.at(-1)?.id === outcome.id,
						shares: shares.listByOutcome(db, outcome.id).map((share) => shareJson(share)),
						recipients: recipients.listForBoard(db, outcome.boardId).length,
						lastMailing: recipients.lastMailing(db, outcome.id) ?? null,
						mailConfigured: smtpSettings() !== null,
						smtpVariables: SMTP_VARIABLES
					}
				: null
	};
}

export const actions = {
	share: async (event) => {
		const { outcome } = manage(event);
		const { token } = shares.create(appContext().db, outcome.id, 'link');
		return { shareUrl: shareUrl(publicOrigin(event), token) };
	},
	revoke: async (event) => {
		const { outcome } = manage(event);
		const shareId = String((await event.request.formData()).get('shareId') ?? '');
		if (!shares.revoke(appContext().db, outcome.id, shareId))
			return fail(404, { shareError: m.share_not_found() });
		return { revoked: true };
	},
	send: async (event) => {
		const { outcome } = manage(event);
		const result = await sendResults(appContext(), outcome, parseOutcome(outcome), publicOrigin(event));
		if (!result.ok) {
			const message =
				result.code === 'mail_not_configured'
					? m.mail_not_configured({ variables: SMTP_VARIABLES })
					: m.mail_failed({ detail: result.detail ?? '' });
			return fail(result.code === 'mail_not_configured' ? 503 : 502, { mailError: message });
		}
		return { mailed: { sent: result.sent, failed: result.failed } };
	}
};
