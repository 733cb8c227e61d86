import { m } from '../paraglide/messages.js';

export type ApiErrorCode =
	| 'invalid_input'
	| 'unauthenticated'
	| 'invalid_credentials'
	| 'forbidden'
	| 'not_found'
	| 'email_taken'
	| 'conflict'
	| 'payload_too_large'
	| 'rate_limited'
	| 'internal'
	| 'pdf_unavailable'
	| 'mail_not_configured'
	| 'mail_failed'
	| 'share_revoked';

/** The human half of an error, in the request's language. */
export function errorMessage(code: ApiErrorCode): string {
	const messages: Record<ApiErrorCode, () => string> = {
		invalid_input: m.error_invalid_input,
		unauthenticated: m.error_unauthenticated,
		invalid_credentials: m.error_invalid_credentials,
		forbidden: m.error_forbidden,
		not_found: m.error_not_found,
		email_taken: m.error_email_taken,
		conflict: m.error_conflict,
		payload_too_large: m.error_payload_too_large,
		rate_limited: m.error_rate_limited,
		internal: m.error_internal,
		pdf_unavailable: m.error_pdf_unavailable,
		mail_not_configured: m.error_mail_not_configured,
		mail_failed: m.error_mail_failed,
		share_revoked: m.share_revoked
	};
	return messages[code]();
}
