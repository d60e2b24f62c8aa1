import { answerCard, sourceTitle } from '../../src/channels/adaptiveCards';
import type { OutgoingMessage } from '../../src/conversation/render';

const ARCHIVED = 'https://bac-lac.wayback.archive-it.org/web/20061026015318/http://www.justice.gc.ca/en/news/nr/1999/extrle.html';

describe('source buttons', () => {
  it('name the site they lead to', () => {
    expect(sourceTitle('https://laws-lois.justice.gc.ca/eng/acts/E-23.01/', 'Sources')).toBe('Sources: laws-lois.justice.gc.ca');
  });

  it('name an archived page for the Library and Archives Canada, in the reply language only', () => {
    expect(sourceTitle(ARCHIVED, 'Sources', 'en')).toBe('Sources: Library and Archives Canada');
    expect(sourceTitle(ARCHIVED, 'Sources', 'fr')).toBe('Sources: Bibliothèque et Archives Canada');
  });

  it('carry the reply language into answer cards', () => {
    const message: OutgoingMessage = { kind: 'answer', text: 'x', title: 'Titre', body: 'Corps', sources: [ARCHIVED] };
    const card = answerCard(message, 'Sources', 'fr') as unknown as { actions: Array<{ title: string }> };
    expect(card.actions[0]!.title).toBe('Sources: Bibliothèque et Archives Canada');
  });

  it('fall back to the label alone for an address that is not a URL', () => {
    expect(sourceTitle('not a url', 'Sources')).toBe('Sources');
  });
});
