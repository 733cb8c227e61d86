/** The stage of the moderation tests: a board with a facilitator and two participants, Amira and Mallory. */
import { boardWithParticipants, type BoardScene, type Participant } from './flows';
import type { BoardSocketClient } from './socket';
import type { LiveStage } from './stage';

export interface ModerationScene {
	owner: BoardScene['owner'];
	amira: Participant;
	mallory: Participant;
	facilitatorSocket: BoardSocketClient;
}

/** On the stage's current server; the facilitator's socket closes with the stage's clients. */
export async function moderationScene(stage: LiveStage): Promise<ModerationScene> {
	const {
		owner,
		participants: [amira, mallory]
	} = await boardWithParticipants(stage.server, 'Amira', 'Mallory');
	return {
		owner,
		amira,
		mallory,
		facilitatorSocket: await stage.socket(owner.board.id, owner.device.cookie)
	};
}
