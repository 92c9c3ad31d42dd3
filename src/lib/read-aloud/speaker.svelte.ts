import type { Segment } from './segments';

export type SpeakerState = 'idle' | 'speaking' | 'paused';

/** Speaks segments one after another through the Web Speech API, with pause and stop. */
export class Speaker {
	state = $state<SpeakerState>('idle');
	#run = 0;

	static supported(): boolean {
		return typeof window !== 'undefined' && 'speechSynthesis' in window;
	}

	speak(segments: Segment[]) {
		this.stop();
		if (segments.length === 0) return;
		const run = ++this.#run;
		const voices = speechSynthesis.getVoices();
		this.state = 'speaking';
		segments.forEach((segment, index) => {
			const utterance = new SpeechSynthesisUtterance(segment.text);
			utterance.lang = segment.lang;
			// A voice of the text's language when the device has one; otherwise the engine picks by `lang`.
			const voice = voices.find((v) => v.lang.toLowerCase().startsWith(segment.lang.toLowerCase()));
			if (voice) utterance.voice = voice;
			utterance.rate = 0.9;
			if (index === segments.length - 1) {
				utterance.onend = () => {
					if (run === this.#run) this.state = 'idle';
				};
			}
			utterance.onerror = () => {
				if (run === this.#run) this.state = 'idle';
			};
			speechSynthesis.speak(utterance);
		});
	}

	pause() {
		speechSynthesis.pause();
		this.state = 'paused';
	}

	resume() {
		speechSynthesis.resume();
		this.state = 'speaking';
	}

	stop() {
		this.#run++;
		if (Speaker.supported()) speechSynthesis.cancel();
		this.state = 'idle';
	}
}
