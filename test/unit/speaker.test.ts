import { testAssistant } from '../support/assistant';
import { SpeakerRecogniser } from '../../src/language/speaker';

const kb = testAssistant().kb;
const speaker = new SpeakerRecogniser(kb.countries, kb.agencies, kb.phrases);

describe('who is speaking', () => {
  it.each([
    ['Special Agent, FBI field office in Buffalo', { role: 'law-enforcement', country: 'us', side: 'foreign' }],
    ['DEA agent here working a fentanyl case', { role: 'law-enforcement', country: 'us' }],
    ['Detective Sergeant, Metropolitan Police', { role: 'law-enforcement', country: 'gb' }],
    ['Carabinieri, Milan', { role: 'law-enforcement', country: 'it' }],
    ['AFP federal agent in Sydney', { role: 'law-enforcement', country: 'au' }],
    ["I'm a public prosecutor in Frankfurt. The suspect is living in Toronto.", { role: 'law-enforcement', country: 'de' }],
    ["Commissaire de police à Lyon, demande d'entraide vers le Canada", { role: 'law-enforcement', country: 'fr' }],
    ["gendarme en cote d'ivoire, un suspect au canada", { role: 'law-enforcement', country: 'ci' }],
    ['Procureur du Roi à Bruxelles', { role: 'law-enforcement', country: 'be' }],
    ["Je suis juge d'instruction à Paris, le témoin vit à Montréal", { role: 'law-enforcement', country: 'fr' }],
  ])('recognises foreign law enforcement and their country: %s', (text, expected) => {
    expect(speaker.recognise(text)).toMatchObject(expected);
  });

  it.each([
    'RCMP, Surrey detachment, suspect fled to the Philippines',
    "I'm Crown counsel in BC and I need evidence from Australia",
    'Je suis enquêteur à la Sûreté du Québec',
    'Ontario Provincial Police, criminal investigations branch',
    'Detective with Peel Regional Police',
    'Police officer in London, Ontario',
  ])('recognises Canadian police and prosecutors: %s', (text) => {
    expect(speaker.recognise(text)).toMatchObject({ side: 'canadian', country: 'ca' });
  });

  it.each([
    'This is the UK Central Authority at the Home Office',
    'Office of International Affairs, US Department of Justice',
    "I work in the international affairs division of Japan's Ministry of Justice, which is our central authority",
    "Office fédéral de la justice, Berne : nous sommes l'autorité centrale suisse",
  ])('recognises foreign central authorities: %s', (text) => {
    expect(speaker.recognise(text)).toMatchObject({ role: 'central-authority' });
  });

  it('takes a lawyer mentioning a client for a lawyer', () => {
    expect(speaker.recognise('I am a defence lawyer and my client is fighting extradition')).toMatchObject({ role: 'lawyer' });
  });

  it('does not take a country named in passing for the speaker', () => {
    const said = speaker.recognise('Who do I send my request for Canadian bank records to?');
    expect(said.side).toBeUndefined();
    expect(said.countryOnly).toBe(true);
  });

  it('does not read a language name as a country', () => {
    expect(speaker.recognise('can you answer in French instead?').country).toBeUndefined();
  });
});
