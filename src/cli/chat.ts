/**
 * npm run chat — a conversation with the assistant in the terminal, through the same runner as the bot.
 * /fr and /en switch language, /reset starts over, /quit leaves; choices can be picked by number.
 */
import { createInterface } from 'node:readline/promises';
import { stdin, stdout } from 'node:process';
import { createAssistant } from '../core';
import { MemoryStorage } from '../conversation/storage';
import { TurnRunner, type StoredConversation } from '../conversation/turnRunner';
import type { OutgoingMessage } from '../conversation/render';

function show(messages: OutgoingMessage[]): void {
  for (const m of messages) {
    console.log(`\n${m.text}`);
    if (m.suggestions?.length) console.log(m.suggestions.map((s) => `  › ${s.label}`).join('\n'));
  }
  console.log('');
}

async function main(): Promise<void> {
  const assistant = createAssistant();
  const storage = new MemoryStorage<StoredConversation>();
  let runner = new TurnRunner(assistant, storage);
  let conversation = 0;
  let locale = process.env.LANG?.startsWith('fr') ? 'fr-CA' : 'en-CA';
  const key = () => `chat-${conversation}`;
  const rl = createInterface({ input: stdin, output: stdout, terminal: stdout.isTTY });
  console.log('IAG Assistant — /fr, /en, /reset, /quit');
  const welcome = await runner.handleConversationStart({ conversationKey: key(), locale, at: Date.now() });
  if (welcome) show(welcome.messages);
  rl.setPrompt('> ');
  rl.prompt();
  // Reading lines as a stream keeps piped input (tests, scripts) from being lost between prompts.
  for await (const raw of rl) {
    let line = raw.trim();
    if (line === '/quit' || line === '/exit') break;
    if (line === '/reset') {
      conversation += 1;
      runner = new TurnRunner(assistant, storage);
      const again = await runner.handleConversationStart({ conversationKey: key(), locale, at: Date.now() });
      if (again) show(again.messages);
      rl.prompt();
      continue;
    }
    if (line === '/fr' || line === '/en') {
      locale = line === '/fr' ? 'fr-CA' : 'en-CA';
      line = line === '/fr' ? 'en français svp' : 'in English please';
    }
    if (line) {
      const result = await runner.handleMessage({ text: line, locale, conversationKey: key(), at: Date.now() });
      show(result.messages);
    }
    rl.prompt();
  }
  rl.close();
}

main().catch((error: Error) => {
  console.error(`chat: ${error.message}`);
  process.exit(1);
});
