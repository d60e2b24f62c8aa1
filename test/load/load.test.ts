/**
 * Many conversations at once over HTTP, kept in Blob storage (azurite): no errors, and every conversation
 * gets exactly what it would get alone. LOAD_SIZE=full (npm run test:load) runs 100 conversations of 20
 * turns; npm test runs a smaller size (LOAD_CONVERSATIONS and LOAD_TURNS override either).
 */
import { conversationKey } from '../../src/channels/conversationKey';
import { createBlobStorage } from '../../src/storage/blobStorage';
import type { StoredConversation } from '../../src/conversation/turnRunner';
import { FIXED_NOW, testAssistant } from '../support/assistant';
import { Azurite, describeWithAzurite } from '../support/azurite';
import {
  activitiesOf,
  expectReplies,
  post,
  routeOf,
  SDKS,
  startApp,
  warmUp,
  type RunningApp,
} from '../http/support';
import { makeScripts, outcomeOf, replayAlone, type Outcome, type Script } from './scripts';

const full = process.env.LOAD_SIZE === 'full';
const CONVERSATIONS = Number(process.env.LOAD_CONVERSATIONS) || (full ? 100 : 16);
const TURNS = Number(process.env.LOAD_TURNS) || (full ? 20 : 8);
const CHANNEL = 'webchat';

/** Plays one script over HTTP, turn after turn, recording outcomes and anything that went wrong. */
async function play(app: RunningApp, sdk: string, script: Script, errors: string[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const [turn, text] of script.turns.entries()) {
    const where = `${script.id} turn ${turn}`;
    try {
      const res = await post(
        app.url,
        expectReplies(`${sdk}-${script.id}`, {
          text,
          locale: script.locale,
          channelId: CHANNEL,
          from: { id: script.id },
        }),
      );
      const route = routeOf(activitiesOf(res));
      if (res.status !== 200 || !route)
        errors.push(`${where}: HTTP ${res.status}, route ${JSON.stringify(route)}`);
      else if (/\(R[eé]f[eé]rence ?:/.test(res.text)) errors.push(`${where}: the error reply`);
      outcomes.push(route ? outcomeOf(route as unknown as Outcome) : { route: 'none', locale: '' });
    } catch (error) {
      errors.push(`${where}: ${(error as Error).message}`);
      outcomes.push({ route: 'none', locale: '' });
    }
  }
  return outcomes;
}

describeWithAzurite(
  `${CONVERSATIONS} conversations of ${TURNS} turns at once, over HTTP, kept in Blob storage`,
  () => {
    const azurite = new Azurite();
    const scripts = makeScripts(CONVERSATIONS, TURNS);
    let alone: Outcome[][];
    let connectionString = '';

    beforeAll(async () => {
      warmUp();
      connectionString = await azurite.start();
      alone = [];
      for (const script of scripts) alone.push(await replayAlone(testAssistant(), script, FIXED_NOW));
    }, 120_000);
    afterAll(() => azurite.dispose(), 15_000);

    describe.each(SDKS)('through the %s host', (sdk) => {
      let app: RunningApp;
      const container = `load-${sdk}-${process.pid}`;
      beforeAll(async () => {
        const storage = await createBlobStorage<StoredConversation>({ connectionString, container });
        app = await startApp(sdk, { storage });
      });
      afterAll(() => app.close());

      it('answers every turn, and every conversation exactly as it would be answered alone', async () => {
        const errors: string[] = [];
        const together = await Promise.all(scripts.map((script) => play(app, sdk, script, errors)));
        expect(errors).toEqual([]);
        scripts.forEach((script, n) =>
          expect({ id: script.id, outcomes: together[n] }).toEqual({ id: script.id, outcomes: alone[n] }),
        );
      }, 300_000);

      it('keeps every conversation in Blob storage', async () => {
        for (const script of scripts) {
          const stored = await app.storage.read(conversationKey(CHANNEL, `${sdk}-${script.id}`));
          expect(stored?.value.dialog.context).toBeDefined();
        }
      });
    });
  },
);
