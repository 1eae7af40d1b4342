import { formatPersonaDocument, personaHash } from '../../persona';

const persona = {
  name: 'Jax Rivera',
  characterId: 'jax-rivera',
  project: 'Night Couriers',
  role: 'protagonist',
  biography: 'Grew up above a noodle bar.\nRuns packages across the city.',
  personality: 'Restless, loyal.',
  skills: ['parkour', 'lock picking'],
  relationships: [{ name: 'Mira Vale', relation: 'older brother of', notes: 'They argue about money.' }],
};

describe('persona document', () => {
  it('is sectioned plain text in a fixed order, with relationships as sentences', () => {
    expect(formatPersonaDocument(persona)).toBe(
      [
        'Character: Jax Rivera (id: jax-rivera, project: Night Couriers)',
        '## Role\nprotagonist',
        '## Biography\nGrew up above a noodle bar.\nRuns packages across the city.',
        '## Personality\nRestless, loyal.',
        '## Skills\nparkour, lock picking',
        '## Relationships\nJax Rivera is the older brother of Mira Vale. They argue about money.',
      ].join('\n\n') + '\n',
    );
  });

  it('hashes a whitespace-only edit the same and a real edit differently', () => {
    const base = personaHash(formatPersonaDocument(persona));
    const spaced = { ...persona, biography: 'Grew up above a noodle bar.   \r\n\r\n\r\nRuns packages across the city.  ' };
    expect(personaHash(formatPersonaDocument(spaced))).toBe(
      personaHash(formatPersonaDocument({ ...persona, biography: 'Grew up above a noodle bar.\n\nRuns packages across the city.' })),
    );
    expect(personaHash(formatPersonaDocument({ ...persona, personality: 'Calm.' }))).not.toBe(base);
  });

  it('keeps unusual text intact: quotes, emoji, composed and decomposed accents', () => {
    const text = formatPersonaDocument({ name: 'Zoë "Z" O\'Neil 🐉', characterId: 'zoe', biography: 'Cafe\u0301 owner.' });
    expect(text).toContain('Zoë "Z" O\'Neil 🐉');
    expect(text).toContain('Café owner.');
  });
});
