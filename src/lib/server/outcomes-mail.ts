/**
 * "Send results": everyone who left an e-mail address at join, with consent,
 * gets a share link to the outcome, one message each (nobody sees the others'
 * addresses). SMTP comes from the environment: SMTP_URL
 * (`smtp://user:pass@host:587`, `smtps://…` for TLS from the start), or
 * SMTP_HOST with SMTP_PORT, SMTP_USER, SMTP_PASS; SMTP_FROM is the sender.
 */
import nodemailer from 'nodemailer';
import * as v from 'valibot';
import type { AppContext } from './context';
import type { OutcomeRow } from './repositories/outcomes';
import * as shares from './repositories/outcome-shares';
import * as recipients from './repositories/share-recipients';
import type { OutcomeDocument } from '../outcome/format';
import { shareUrl } from './outcomes';
import { m } from '../paraglide/messages.js';

export const SMTP_VARIABLES = 'SMTP_URL, SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_PASS, SMTP_FROM';

const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

interface SmtpSettings {
	transport:
		{ url: string } | { host: string; port: number; secure: boolean; auth?: { user: string; pass: string } };
	from: string;
}

export function smtpSettings(env: NodeJS.ProcessEnv = process.env): SmtpSettings | null {
	const from = env.SMTP_FROM || env.SMTP_USER || 'WeDo Board <wedo-board@localhost>';
	if (env.SMTP_URL) return { transport: { url: env.SMTP_URL }, from };
	if (!env.SMTP_HOST) return null;
	const port = Number(env.SMTP_PORT || 587);
	return {
		transport: {
			host: env.SMTP_HOST,
			port,
			secure: port === 465,
			auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASS ?? '' } : undefined
		},
		from
	};
}

export type SendResult =
	| { ok: true; sent: number; failed: number }
	| { ok: false; code: 'mail_not_configured' | 'mail_failed'; detail?: string };

/**
 * Sends the link. A new share link is made for the mailing and removed again if
 * no message could be sent, so a refusing SMTP server leaves nothing behind.
 */
export async function sendResults(
	context: AppContext,
	outcome: OutcomeRow,
	document: OutcomeDocument,
	origin: string
): Promise<SendResult> {
	const settings = smtpSettings();
	if (!settings) return { ok: false, code: 'mail_not_configured' };
	const list = recipients.listForBoard(context.db, outcome.boardId);
	if (list.length === 0) return { ok: true, sent: 0, failed: 0 };

	const transport = nodemailer.createTransport({ ...settings.transport, ...TIMEOUTS });
	const { share, token } = shares.create(context.db, outcome.id, 'mail');
	const link = shareUrl(origin, token);
	const subject = m.mail_results_subject({ meeting: document.meeting.title });
	const text = m.mail_results_body({ meeting: document.meeting.title, board: document.board.title, link });
	let sent = 0;
	let detail: string | undefined;
	try {
		for (const recipient of list) {
			try {
				await transport.sendMail({ from: settings.from, to: recipient.email, subject, text });
				sent++;
			} catch (error) {
				detail = (error as Error).message;
			}
		}
	} finally {
		transport.close();
	}
	if (sent === 0) {
		shares.remove(context.db, share.id);
		return { ok: false, code: 'mail_failed', detail };
	}
	recipients.recordMailing(context.db, outcome.id, sent);
	return { ok: true, sent, failed: list.length - sent };
}

const Email = v.pipe(v.string(), v.trim(), v.toLowerCase(), v.maxLength(254), v.email());

/**
 * The join form's optional address for the results. An address needs the consent
 * box ticked; without an address the box means nothing. `email` null: store none.
 */
export function readResultsEmail(
	email: FormDataEntryValue | null,
	consent: FormDataEntryValue | null
): { ok: true; email: string | null } | { ok: false; reason: 'invalid' | 'no_consent' } {
	const text = typeof email === 'string' ? email.trim() : '';
	if (text === '') return { ok: true, email: null };
	const parsed = v.safeParse(Email, text);
	if (!parsed.success) return { ok: false, reason: 'invalid' };
	if (consent !== 'yes') return { ok: false, reason: 'no_consent' };
	return { ok: true, email: parsed.output };
}
