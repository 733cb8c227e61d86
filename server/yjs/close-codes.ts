/**
 * WebSocket close codes. The stock y-websocket client (3.1+) treats 4400–4499 as
 * final and retries anything else, so "you may not" is 44xx and "try again" 45xx.
 */
export const CLOSE = {
	unauthenticated: 4401,
	forbidden: 4403,
	notFound: 4404,
	/** A participant removed by the facilitator. */
	removed: 4410,
	/** The update broke a rule; the client must discard its copy and reload. */
	updateRefused: 4422,
	tooLarge: 4413,
	tooManyConnections: 4429,
	shuttingDown: 4503,
	/** Handling a message failed on the server (a bug); the client may reconnect. */
	internalError: 1011,
	/** The connection sent more than its message budget (MAX_MESSAGES_PER_SECOND, MESSAGE_BURST); it may come back. */
	rateLimited: 4529
} as const;
