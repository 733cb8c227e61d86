import { describe, expect, it } from 'vitest';
import { readConfig } from './config';

describe('DEFAULT_TIME_ZONE', () => {
	it('defaults to Europe/Berlin and takes any IANA zone, canonically spelt', () => {
		expect(readConfig({}).defaultTimeZone).toBe('Europe/Berlin');
		expect(readConfig({ DEFAULT_TIME_ZONE: 'America/New_York' }).defaultTimeZone).toBe('America/New_York');
		expect(readConfig({ DEFAULT_TIME_ZONE: 'Etc/UTC' }).defaultTimeZone).toBe('UTC');
	});

	it('refuses to start on a value that is no zone', () => {
		expect(() => readConfig({ DEFAULT_TIME_ZONE: 'Mars/Olympus' })).toThrow(/DEFAULT_TIME_ZONE/);
		expect(() => readConfig({ DEFAULT_TIME_ZONE: '+02:00' })).toThrow(/DEFAULT_TIME_ZONE/);
	});
});
