/**
 * The language of the first paint, set on the server: `<html lang dir>` and the
 * page's words follow the device's choice (cookie), then the browser's
 * Accept-Language; anything the server does not know means German, never an error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Device } from './helpers/http';
import { startServer, type RunningServer } from './helpers/server';

let server: RunningServer;

beforeAll(async () => {
	server = await startServer();
});

afterAll(async () => {
	await server?.stop();
});

async function joinPage(headers: Record<string, string>) {
	const response = await new Device(server.url).get('/join', { headers });
	expect(response.status).toBe(200);
	const html = /<html lang="([^"]*)" dir="([^"]*)"/.exec(response.text);
	return { lang: html?.[1], dir: html?.[2], text: response.text };
}

describe('the language of a page', () => {
	it('is the one chosen on this device, right to left for Arabic and Farsi', async () => {
		expect(await joinPage({ cookie: 'wedo_locale=ar' })).toMatchObject({ lang: 'ar', dir: 'rtl' });
		expect((await joinPage({ cookie: 'wedo_locale=ar' })).text).toContain('المشاركة');
		expect(await joinPage({ cookie: 'wedo_locale=fa' })).toMatchObject({ lang: 'fa', dir: 'rtl' });
		expect(await joinPage({ cookie: 'wedo_locale=ru' })).toMatchObject({ lang: 'ru', dir: 'ltr' });
	});

	it('follows the browser on a first visit', async () => {
		const page = await joinPage({ 'accept-language': 'uk-UA,uk;q=0.9,en;q=0.5' });
		expect(page).toMatchObject({ lang: 'uk', dir: 'ltr' });
		expect(page.text).toContain('Взяти участь');
	});

	it.each([
		['an unknown language in the cookie', { cookie: 'wedo_locale=tlh' }],
		['markup in the cookie', { cookie: 'wedo_locale="><script>alert(1)</script>' }],
		['an unknown language in the header', { 'accept-language': 'tlh,x-klingon;q=0.8' }],
		['a garbled header', { 'accept-language': ';;q=,,=;q=zz,\u00e4' }]
	])('is German for %s, without an error', async (_case, headers: Record<string, string>) => {
		const page = await joinPage(headers);
		expect(page).toMatchObject({ lang: 'de', dir: 'ltr' });
		expect(page.text).toContain('Teilnehmen');
		expect(page.text).not.toContain('<script>alert(1)');
	});
});

describe('choosing a language', () => {
	it('remembers a known language on the device and answers German for an unknown one', async () => {
		const device = new Device(server.url, { origin: server.url });
		const form = (locale: string) =>
			device.request('POST', '/language', undefined, {
				raw: new URLSearchParams({ locale, returnTo: '/join' }).toString(),
				headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }
			});
		const chosen = await form('fa');
		expect(chosen.status).toBe(303);
		expect(chosen.headers.get('location')).toBe('/join');
		expect(device.cookieValue('wedo_locale')).toBe('fa');
		expect((await device.get('/join')).text).toContain('lang="fa" dir="rtl"');

		const unknown = await form('tlh');
		expect(unknown.status).toBe(303);
		expect(device.cookieValue('wedo_locale')).toBe('de');
	});
});
