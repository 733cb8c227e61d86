/**
 * The timer's gentle signal: a short, soft two-note chime made with Web Audio
 * (no sound file). Sound is opt-in per device and remembered there; browsers
 * only let audio start after a tap, so the tap that opts in also unlocks it.
 */
const STORAGE_KEY = 'wedo-board:timer-sound';

let context: AudioContext | undefined;

export function soundWanted(): boolean {
	try {
		return localStorage.getItem(STORAGE_KEY) === 'on';
	} catch {
		return false;
	}
}

/** Call from the tap that switches the sound on or off. */
export function setSoundWanted(wanted: boolean): void {
	try {
		localStorage.setItem(STORAGE_KEY, wanted ? 'on' : 'off');
	} catch {
		// Private mode without storage: the choice lasts for this page only.
	}
	if (wanted) {
		context ??= new AudioContext();
		void context.resume();
	}
}

export function playChime(): void {
	if (!soundWanted()) return;
	context ??= new AudioContext();
	const start = context.currentTime + 0.02;
	for (const [offset, frequency] of [
		[0, 659.25],
		[0.28, 880]
	]) {
		const oscillator = context.createOscillator();
		const gain = context.createGain();
		oscillator.type = 'sine';
		oscillator.frequency.value = frequency;
		// A soft attack and a long fade: a chime, not an alarm.
		gain.gain.setValueAtTime(0, start + offset);
		gain.gain.linearRampToValueAtTime(0.12, start + offset + 0.04);
		gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.9);
		oscillator.connect(gain).connect(context.destination);
		oscillator.start(start + offset);
		oscillator.stop(start + offset + 1);
	}
}
