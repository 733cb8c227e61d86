import { describe, expect, it } from 'vitest';
import { isAllowedOrigin } from './same-origin';

const direct = { host: 'board.example.org', publicOrigin: undefined };

describe('isAllowedOrigin', () => {
	it('admits a request without Origin (scripts, tests, non-browser clients)', () => {
		expect(isAllowedOrigin(undefined, direct)).toBe(true);
		expect(isAllowedOrigin(null, direct)).toBe(true);
	});

	it('admits the page’s own origin, with or without its default port', () => {
		expect(isAllowedOrigin('https://board.example.org', direct)).toBe(true);
		expect(isAllowedOrigin('http://board.example.org', { ...direct, host: 'board.example.org:80' })).toBe(
			true
		);
		expect(isAllowedOrigin('http://127.0.0.1:3000', { ...direct, host: '127.0.0.1:3000' })).toBe(true);
		expect(isAllowedOrigin('http://BOARD.example.org', direct)).toBe(true);
	});

	it('refuses another site, another port, an opaque origin and garbage', () => {
		expect(isAllowedOrigin('https://evil.example', direct)).toBe(false);
		expect(isAllowedOrigin('https://board.example.org.evil.example', direct)).toBe(false);
		expect(isAllowedOrigin('http://127.0.0.1:3001', { ...direct, host: '127.0.0.1:3000' })).toBe(false);
		expect(isAllowedOrigin('null', direct)).toBe(false);
		expect(isAllowedOrigin('', direct)).toBe(false);
		expect(isAllowedOrigin('not a url', direct)).toBe(false);
		expect(isAllowedOrigin('https://board.example.org', { host: undefined, publicOrigin: undefined })).toBe(
			false
		);
	});

	it('behind a proxy, admits the public ORIGIN although the Host header is the internal one', () => {
		const proxied = { host: 'localhost:3000', publicOrigin: 'https://board.example.org' };
		expect(isAllowedOrigin('https://board.example.org', proxied)).toBe(true);
		expect(isAllowedOrigin('http://board.example.org', proxied)).toBe(false);
		expect(isAllowedOrigin('https://evil.example', proxied)).toBe(false);
	});
});
