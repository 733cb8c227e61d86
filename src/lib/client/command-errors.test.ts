import { describe, expect, it } from 'vitest';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { commandErrorText } from './command-errors';

describe('commandErrorText', () => {
	it('says why a dot was refused, in the language of the page', () => {
		overwriteGetLocale(() => 'en');
		const refused = (code: 'budget_exhausted' | 'max_per_card' | 'voting_closed') =>
			commandErrorText({ ok: false, error: { code, message: 'server text' } });
		expect(refused('budget_exhausted')).toBe(
			'You have placed all your dots. Take one back to vote elsewhere.'
		);
		expect(refused('max_per_card')).toBe('This card already has as many of your dots as allowed.');
		expect(refused('voting_closed')).toBe('Voting is not open right now.');
		overwriteGetLocale(() => 'de');
		expect(refused('budget_exhausted')).toContain('alle deine Punkte vergeben');
	});

	it('has nothing to say about an accepted command', () => {
		expect(commandErrorText({ ok: true })).toBeNull();
	});
});
