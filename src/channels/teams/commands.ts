/**
 * The commands the manifest lists (manifest/manifest.json and manifest/fr-ca.json). Teams sends a
 * command's title as the message text; a bare title such as "contact" or "français" is too short for
 * the understanding to read reliably, so each becomes the question it stands for.
 */
export const COMMAND_QUESTIONS: Readonly<Record<string, string>> = {
  help: 'help',
  aide: 'aide',
  contact: 'who do I contact',
  extradition: 'What is extradition?',
  'mutual legal assistance': 'What is mutual legal assistance?',
  'entraide juridique': "Qu'est-ce que l'entraide juridique?",
  français: 'en français',
  francais: 'en français',
  english: 'in English',
};

/** The question a command title stands for; any other text is returned unchanged. */
export function commandQuestion(text: string, locale?: string): string {
  const key = text.trim().toLowerCase();
  if (key === 'contact' && locale?.toLowerCase().startsWith('fr')) return 'qui dois-je contacter';
  if (key === 'extradition' && locale?.toLowerCase().startsWith('fr')) return "Qu'est-ce que l'extradition?";
  return COMMAND_QUESTIONS[key] ?? text;
}
